using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// Gradient storage reuse within a backward pass that drops intermediate gradients and records no graph.
/// A gradient is <em>owned</em> by the pass while the pass can prove that its storage is referenced from one
/// place only, its slot in some variable's <see cref="Grad"/>: it was made during the pass by a built-in function
/// (which keeps no gradients) and shares storage with nothing else the function saw or returned. An owned
/// gradient can take further contributions in place, and once its variable's creator has used it, its storage
/// goes back for reuse (<c>Tensor.Release</c>). Results are unchanged: in-place sums add the same operands in the
/// same order.
/// </summary>
public partial class Variable
{
    private static int lastPass;

    /// <summary>The number of the backward pass that owns this gradient's storage; 0 for none.</summary>
    private int ownerPass;

    private static int NextPass()
    {
        int pass = Interlocked.Increment(ref lastPass);
        return pass != 0 ? pass : Interlocked.Increment(ref lastPass);
    }

    /// <summary>Functions of this library keep no reference to the gradients they are given or return.</summary>
    private static bool IsBuiltIn(Function f) => f.SingleOutput is not null && f.GetType().Assembly == typeof(Function).Assembly;

    /// <summary>Claims each gradient <paramref name="f"/> returned that is new storage, seen nowhere else.</summary>
    private static void ClaimFresh(Function f, Variable[] gys, Variable?[] gxs, int pass)
    {
        for (int i = 0; i < gxs.Length; i++)
            if (gxs[i] is { } gx && IsFresh(gx, i, f, gys, gxs)) gx.ownerPass = pass;
    }

    private static bool IsFresh(Variable gx, int index, Function f, Variable[] gys, Variable?[] gxs)
    {
        var t = gx.data;
        if (gx.Creator is not null || gx.tangent is not null || gx.ownerPass != 0
            || !t.OwnsWholeStorage) return false;
        foreach (var gy in gys)
            if (ReferenceEquals(gy, gx) || SharesStorage(gy, t)) return false;
        foreach (var x in f.Inputs)
            if (SharesStorage(x, t)) return false;
        if (SharesStorage(f.SingleOutput!, t)) return false;
        for (int j = 0; j < gxs.Length; j++)
            if (j != index && gxs[j] is { } other && SharesStorage(other, t)) return false;
        return true;
    }

    private static bool SharesStorage(Variable v, Tensor t) =>
        v.data.SharesStorageWith(t) || (v.tangent is { } tangent && tangent.SharesStorageWith(t));

    /// <summary>
    /// Ends the ownership of the gradients about to be handed to a backward rule; returns the owned one of a
    /// single-output function (the only case recycled), or null.
    /// </summary>
    private static Variable? Disown(Variable[] gys, int pass)
    {
        Variable? owned = null;
        foreach (var gy in gys)
        {
            if (gy.ownerPass != pass) continue;
            gy.ownerPass = 0;
            owned = gys.Length == 1 ? gy : null;
        }
        return owned;
    }

    /// <summary>
    /// After a built-in backward rule: the gradient it consumed had that rule as its only reader. Unless passed on
    /// (returned as, or viewed by, one of <paramref name="gxs"/>), its storage is free.
    /// </summary>
    private static void Release(Variable consumed, Variable?[] gxs)
    {
        foreach (var gx in gxs)
            if (gx is not null && (ReferenceEquals(gx, consumed) || SharesStorage(gx, consumed.data))) return;
        consumed.data.Release();
    }

    /// <summary><c>a + b</c> for two contributions to one gradient, into an owned operand's storage when there is one.</summary>
    private static Variable Sum(Variable a, Variable b, int pass)
    {
        if (pass != 0 && a.tangent is null && b.tangent is null && CanAddInPlace(a.data, b.data))
        {
            if (a.ownerPass == pass)
            {
                a.data.AddInPlaceUnchecked(b.data);
                if (b.ownerPass == pass)
                {
                    b.ownerPass = 0;
                    b.data.Release();
                }
                return a;
            }
            if (b.ownerPass == pass)
            {
                b.data.AddInPlaceUnchecked(a.data);
                return b;
            }
        }
        var sum = a + b;
        if (pass != 0 && sum.Creator is null && sum.tangent is null && !sum.data.SharesStorageWith(a.data)
            && !sum.data.SharesStorageWith(b.data)) sum.ownerPass = pass;
        return sum;
    }

    private static bool CanAddInPlace(Tensor a, Tensor b) =>
        a.DType == b.DType && a.DType.IsFloat() && a.IsContiguous && b.IsContiguous && !a.IsReadOnly && !b.IsReadOnly
        && a.Device == b.Device && !a.SharesStorageWith(b) && a.ShapeSpan.SequenceEqual(b.ShapeSpan);
}
