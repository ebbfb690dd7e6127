using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// One backward pass carrying B cotangents at once (<see cref="JacobianMode.BatchedReverse"/>): every gradient has a
/// leading batch axis, and each function's <see cref="Function.BackwardBatched"/> maps (B, ...y) to (B, ...x). The
/// walk is <see cref="Backprop"/>'s, newest generation first, on its own table of gradients, so that the variables'
/// <see cref="Variable.Grad"/>s are never touched, and only through the functions that lead to the variables
/// differentiated: a constant's gradient would cost B times its size for nothing.
/// </summary>
internal sealed class BatchedBackprop
{
    private readonly Variable root;
    private readonly Variable[] wrt;
    private readonly GraphReach reach;

    /// <summary>Prepares passes from <paramref name="root"/> to the variables <paramref name="wrt"/> on the graph recorded so far.</summary>
    public BatchedBackprop(Variable root, Variable[] wrt)
    {
        if (root.MadeWithoutGraph)
            throw new InvalidOperationException($"Backward: this variable of shape {root.Data.ShapeString} was computed inside Config.NoGrad() and has no graph");
        if (!root.DType.IsFloat())
            throw new InvalidOperationException($"Backward: needs a float variable, this one has dtype {root.DType.Name()}");
        this.root = root;
        this.wrt = wrt;
        reach = new GraphReach(root, wrt);
        LargestSize = Math.Max(1, root.Size);
        foreach (var f in reach.Functions)
        {
            foreach (var x in f.Inputs) LargestSize = Math.Max(LargestSize, x.Size);
            for (int i = 0; i < f.OutputCount; i++) LargestSize = Math.Max(LargestSize, ShapeUtil.Size(f.OutputDescription(i).Shape));
        }
    }

    /// <summary>The most elements of one tensor (input or output) among the functions the pass visits, at least 1.</summary>
    public int LargestSize { get; private set; }

    /// <summary>
    /// The batched gradients (B, ...x.shape) of the variables differentiated, for the cotangents <paramref name="seed"/>
    /// of shape (B, ...root.shape); null for a variable that no gradient reaches.
    /// </summary>
    public Tensor?[] Pull(Tensor seed)
    {
        var grads = new Dictionary<Variable, Variable>(ReferenceEqualityComparer.Instance) { [root] = new Variable(seed) };
        int batch = seed.Shape[0];
        using (Config.NoGrad())
        using (var functions = FunctionQueue.Take())
        {
            if (reach.Visits(root.Creator)) functions.Add(root.Creator);
            while (functions.TryPop(out var f))
            {
                var gxs = f.RunBackwardBatched(OutputGrads(f, grads, batch), reach.Needs(f));
                Check(f, gxs, batch);
                Accumulate(f, gxs, grads, functions);
            }
        }
        var result = new Tensor?[wrt.Length];
        for (int i = 0; i < wrt.Length; i++) result[i] = grads.TryGetValue(wrt[i], out var g) ? g.Data : null;
        return result;
    }

    /// <summary>The outputs' batched gradients, taken from the table (zeros for an output none reached).</summary>
    private Variable[] OutputGrads(Function f, Dictionary<Variable, Variable> grads, int batch)
    {
        var gys = new Variable[f.OutputCount];
        for (int i = 0; i < gys.Length; i++)
        {
            var y = f.OutputOrNull(i);
            Variable? gy = null;
            // A differentiated variable keeps its gradient: it is part of the answer.
            bool found = y is not null && (reach.IsTarget(y) ? grads.TryGetValue(y, out gy) : grads.Remove(y, out gy));
            if (!found)
            {
                var (shape, dtype, device) = f.OutputDescription(i);
                gy = new Variable(Tensor.Zeros(dtype, [batch, .. shape]).To(device));
            }
            gys[i] = gy!;
        }
        return gys;
    }

    private void Accumulate(Function f, Variable?[] gxs, Dictionary<Variable, Variable> grads, FunctionQueue functions)
    {
        for (int i = 0; i < gxs.Length; i++)
        {
            var (x, gx) = (f.Inputs[i], gxs[i]);
            if (gx is null || !reach.Leads(x)) continue;
            grads[x] = grads.TryGetValue(x, out var previous) ? new Variable(previous.Data + gx.Data) : gx;
            if (reach.Visits(x.Creator)) functions.Add(x.Creator);
        }
    }

    /// <summary>A batch rule returns one gradient (or null) per input, shaped (B, ...input.shape).</summary>
    private static void Check(Function f, Variable?[] gxs, int batch)
    {
        if (gxs.Length != f.Inputs.Length)
            throw new InvalidOperationException($"{f.Name}: batched backward returned {gxs.Length} gradients for {f.Inputs.Length} inputs");
        for (int i = 0; i < gxs.Length; i++)
        {
            var (x, gx) = (f.Inputs[i].Data, gxs[i]?.Data);
            if (gx is not null && (gx.NDim != x.NDim + 1 || gx.ShapeSpan[0] != batch || !gx.ShapeSpan[1..].SequenceEqual(x.ShapeSpan)))
                throw new InvalidOperationException($"{f.Name}: batched gradient of shape {gx.ShapeString} for input {i} of shape {x.ShapeString} and a batch of {batch}");
        }
    }

    /// <summary>
    /// The default <see cref="Function.BackwardBatched"/>: the function's ordinary <see cref="Function.Backward"/> on each
    /// batch entry in turn, the gradients stacked along a new leading axis (zeros where a rule returned null for one
    /// entry but not for all).
    /// </summary>
    public static Variable?[] EntryByEntry(Function f, Variable[] gys)
    {
        int batch = gys[0].Shape[0];
        var parts = new Tensor?[f.Inputs.Length][];
        for (int i = 0; i < parts.Length; i++) parts[i] = new Tensor?[batch];
        for (int k = 0; k < batch; k++)
        {
            var entry = new Variable[gys.Length];
            for (int j = 0; j < gys.Length; j++) entry[j] = new Variable(gys[j].Data[k].Copy());
            var gxs = f.Backward(entry);
            if (gxs.Length != parts.Length)
                throw new InvalidOperationException($"{f.Name}: backward returned {gxs.Length} gradients for {parts.Length} inputs");
            for (int i = 0; i < parts.Length; i++) parts[i][k] = gxs[i]?.Data;
        }
        var result = new Variable?[parts.Length];
        for (int i = 0; i < parts.Length; i++) result[i] = Stacked(parts[i], f.Inputs[i].Data);
        return result;
    }

    private static Variable? Stacked(Tensor?[] entries, Tensor x)
    {
        if (entries.All(e => e is null)) return null;
        var full = entries.Select(e => e ?? Tensor.ZerosLike(x)).ToArray();
        return new Variable(Tensor.Stack(full, axis: 0));
    }
}
