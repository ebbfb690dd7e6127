using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// The gradient store of the usual backward pass (no retainGrad, no createGraph), which drops intermediate gradients
/// and records nothing: it adds contributions in place and gives the storage of consumed gradients back for reuse.
/// Results are those of <see cref="KeptGradients"/>, bit for bit: an in-place sum adds the same operands.
/// </summary>
/// <remarks>
/// The ownership rules, all of them:
/// <list type="number">
/// <item>A gradient is <em>owned</em> by a pass while the pass can prove that its storage is referenced from one place
/// only, its slot in some variable's <see cref="Variable.Grad"/>. Each pass has a number and marks what it owns with
/// it (<see cref="Variable.OwnerPass"/>; 0 for none), so a leaf's gradient left by an earlier pass (the caller keeps it)
/// or a gradient of an enclosing pass (a backward run inside a backward rule) is never taken for this pass's own.</item>
/// <item>The pass owns what it made: the seed of ones, and a sum of two contributions that shares storage with
/// neither.</item>
/// <item>The pass claims a gradient returned by a <em>built-in</em> rule (a single-output function of this assembly:
/// such rules keep nothing they are given or return, see <see cref="Function.Backward"/>) when it is new storage: no
/// creator, no tangent, not owned already, owning its whole storage, and sharing storage with no gradient the rule
/// was given, no input or output of the function and no other gradient it returned.</item>
/// <item>Ownership ends where a gradient is read: the gradients handed to any rule are disowned first, since the rule
/// may pass one on (Add returns it for both inputs).</item>
/// <item>An owned gradient takes a further contribution in place (same float dtype, device and shape, both contiguous,
/// writable and apart). If the contribution was owned too, its storage is free.</item>
/// <item>After a built-in rule, the one gradient it was given, if it was owned, had that rule as its only reader:
/// unless the rule returned it or a view of it, its storage goes back for reuse (<c>Tensor.Release</c>).</item>
/// </list>
/// Functions defined elsewhere, and functions with several outputs, are never trusted: nothing they return is
/// claimed and nothing they are given is released.
/// </remarks>
internal sealed class RecycledGradients : IGradientStore
{
    private static int lastPass;

    private readonly int pass;
    private bool trusted;        // the function being visited is built in (rule 3)
    private Variable? consumed;  // the owned gradient handed to its rule (rule 6)

    private RecycledGradients(int pass) => this.pass = pass;

    /// <summary>A store for a new pass, with a number no other pass has now (0 is skipped when the counter wraps).</summary>
    public static RecycledGradients Begin()
    {
        int pass = Interlocked.Increment(ref lastPass);
        return new RecycledGradients(pass != 0 ? pass : Interlocked.Increment(ref lastPass));
    }

    /// <inheritdoc/>
    public Variable Seed(Tensor root) => new(Tensor.OnesLike(root)) { OwnerPass = pass };

    /// <inheritdoc/>
    public Variable[] Consume(Function f)
    {
        var gys = f.OutputGrads();
        trusted = f.SingleOutput is not null && f.GetType().Assembly == typeof(Function).Assembly;
        consumed = Disown(gys);
        return gys;
    }

    /// <inheritdoc/>
    public void Accumulate(Function f, Variable[] gys, Variable?[] gxs)
    {
        if (trusted) ClaimFresh(f, gys, gxs);
        for (int i = 0; i < gxs.Length; i++)
        {
            if (gxs[i] is not { } gx) continue;
            var x = f.Inputs[i];
            // Intermediate gradients die with the pass; a leaf's is the caller's to keep.
            if (x.Grad is null) x.Grad = x.Creator is null ? KeptGradients.Writable(gx) : gx;
            else x.Grad = Sum(x.Grad, gx);
        }
    }

    /// <inheritdoc/>
    public void Release(Variable?[] gxs)
    {
        var gy = consumed;
        consumed = null;
        if (!trusted || gy is null) return;
        foreach (var gx in gxs)
            if (gx is not null && (ReferenceEquals(gx, gy) || SharesStorage(gx, gy.Data))) return;
        gy.Data.Release();
    }

    /// <summary>Rule 4: disowns the gradients about to be handed to a rule; returns the owned one of a single-output function, or null.</summary>
    private Variable? Disown(Variable[] gys)
    {
        Variable? owned = null;
        foreach (var gy in gys)
        {
            if (gy.OwnerPass != pass) continue;
            gy.OwnerPass = 0;
            owned = gys.Length == 1 ? gy : null;
        }
        return owned;
    }

    /// <summary>Rule 3: claims each gradient <paramref name="f"/> returned that is new storage, seen nowhere else.</summary>
    private void ClaimFresh(Function f, Variable[] gys, Variable?[] gxs)
    {
        for (int i = 0; i < gxs.Length; i++)
            if (gxs[i] is { } gx && IsFresh(gx, i, f, gys, gxs)) gx.OwnerPass = pass;
    }

    private static bool IsFresh(Variable gx, int index, Function f, Variable[] gys, Variable?[] gxs)
    {
        var t = gx.Data;
        if (gx.Creator is not null || gx.Tangent is not null || gx.OwnerPass != 0 || !t.OwnsWholeStorage) return false;
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
        v.Data.SharesStorageWith(t) || (v.Tangent is { } tangent && tangent.SharesStorageWith(t));

    /// <summary>Rules 2 and 5: <c>a + b</c> for two contributions to one gradient, into an owned operand's storage when there is one.</summary>
    private Variable Sum(Variable a, Variable b)
    {
        if (a.Tangent is null && b.Tangent is null && CanAddInPlace(a.Data, b.Data))
        {
            if (a.OwnerPass == pass)
            {
                a.Data.AddInPlaceUnchecked(b.Data);
                if (b.OwnerPass == pass)
                {
                    b.OwnerPass = 0;
                    b.Data.Release();
                }
                return a;
            }
            if (b.OwnerPass == pass)
            {
                b.Data.AddInPlaceUnchecked(a.Data);
                return b;
            }
        }
        var sum = a + b;
        if (sum.Creator is null && sum.Tangent is null && !sum.Data.SharesStorageWith(a.Data)
            && !sum.Data.SharesStorageWith(b.Data)) sum.OwnerPass = pass;
        return sum;
    }

    private static bool CanAddInPlace(Tensor a, Tensor b) =>
        a.DType == b.DType && a.DType.IsFloat() && a.IsContiguous && b.IsContiguous && !a.IsReadOnly && !b.IsReadOnly
        && a.Device == b.Device && !a.SharesStorageWith(b) && a.ShapeSpan.SequenceEqual(b.ShapeSpan);
}
