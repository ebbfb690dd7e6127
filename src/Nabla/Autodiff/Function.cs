using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// One differentiable operation: <see cref="Forward"/> on tensors and <see cref="Backward"/>, the
/// vector-Jacobian product, written with Variable operations so that it can itself be differentiated.
/// Calling it records it as the creator of its outputs unless <see cref="Config.NoGrad"/> is active.
/// A single output is held directly (the graph's cycles are no obstacle to the collector); several outputs
/// are held weakly so that unused ones can be collected.
/// </summary>
public abstract class Function
{
    // Every built-in function has one output; a WeakReference for it would cost a GC handle and a finalizer per call.
    private Variable? output;
    private WeakReference<Variable>[] outputs = [];
    private (int[] Shape, DType DType, Device Device)[] outputInfo = [];

    // A hash for backprop's visited set. RuntimeHelpers.GetHashCode would have to install one in each object's
    // header on first use, which costs more than a small graph's whole backward step. Races only repeat a value.
    private static int lastId;
    internal readonly int Id = ++lastId;

    /// <summary>The number of the backward pass that last queued this function (see FunctionQueue); 0 for none.</summary>
    internal int QueuedPass;

    /// <summary>The variables this function was applied to (empty once unchained).</summary>
    public Variable[] Inputs { get; private set; } = [];

    /// <summary>One more than the newest input's generation: the order in which backprop visits functions.</summary>
    public int Generation { get; private set; }

    /// <summary>The name shown in graphs and messages.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>Applies the function to one or more inputs and returns its single output.</summary>
    public Variable Call(params Variable[] inputs)
    {
        var (ys, tys) = Apply(inputs);
        if (ys.Length != 1)
            throw new InvalidOperationException($"{Name}: has {ys.Length} outputs; use CallMany");
        // Every built-in function has one output: no array of results, which is about a tenth of a small node's bytes.
        var y = Result(ys, tys, 0);
        if (Config.EnableBackprop)
        {
            Record(inputs);
            y.SetCreator(this);
            output = y;
        }
        else y.MadeWithoutGraph = true;
        return y;
    }

    /// <summary>Applies the function and returns all its outputs.</summary>
    public Variable[] CallMany(params Variable[] inputs)
    {
        var (ys, tys) = Apply(inputs);
        var results = new Variable[ys.Length];
        for (int i = 0; i < ys.Length; i++) results[i] = Result(ys, tys, i);
        if (Config.EnableBackprop) Record(inputs, results);
        else foreach (var r in results) r.MadeWithoutGraph = true;
        return results;
    }

    /// <summary>The forward computation and, when an input carries a tangent, the forward-mode one.</summary>
    private (Tensor[] Ys, Tensor?[]? Tys) Apply(Variable[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var xs = new Tensor[inputs.Length];
        bool hasTangent = false;
        for (int i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"{Name}: input {i} is null");
            xs[i] = x.Data;
            hasTangent |= x.Tangent is not null;
        }
        var ys = Forward(xs);
        if (TensorScope.Current is not null) MarkResults(xs, ys);
        return (ys, hasTangent ? Jvp(xs, Tangents(inputs), ys) : null);
    }

    /// <summary>Output <paramref name="i"/> as a variable, with its tangent; a known zero stays symbolic (null), so that the functions downstream skip their rules for it.</summary>
    private static Variable Result(Tensor[] ys, Tensor?[]? tys, int i)
    {
        var y = new Variable(ys[i]);
        if (tys is not null && i < tys.Length && tys[i] is { } ty && !ZeroTangent.Is(ty)) y.Tangent = ty;
        return y;
    }

    /// <summary>Offers the outputs to the open <see cref="TensorScope"/>, except those that are views of an input's storage.</summary>
    private static void MarkResults(Tensor[] xs, Tensor[] ys)
    {
        foreach (var y in ys)
            if (!xs.Any(y.SharesStorageWith)) TensorScope.MarkResult(y);
    }

    /// <summary>
    /// Each input's tangent, a known zero where it has none (<see cref="IsZero"/>), so that rules need no null checks.
    /// </summary>
    private static Tensor[] Tangents(Variable[] inputs)
    {
        var txs = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) txs[i] = inputs[i].Tangent ?? ZeroTangent.Like(inputs[i].Data);
        return txs;
    }

    /// <summary>
    /// In <see cref="Jvp"/>: whether <paramref name="tangent"/> is known to be zero (its input has no tangent), so that a
    /// term linear in it may be skipped. It is a read-only view; a rule may compute with it like any tangent.
    /// </summary>
    protected static bool IsZero(Tensor tangent) => ZeroTangent.Is(tangent);

    /// <summary>In <see cref="Jvp"/>: the sum of the terms not skipped (null for none: the output's tangent is zero).</summary>
    protected static Tensor? Terms(Tensor? a, Tensor? b) => a is null ? b : b is null ? a : a + b;

    /// <summary>Records the inputs and the generation, before the outputs name this function their creator.</summary>
    private void Record(Variable[] inputs)
    {
        int generation = 0;
        foreach (var x in inputs) generation = Math.Max(generation, x.Generation);
        Generation = generation;
        Inputs = inputs;
    }

    private void Record(Variable[] inputs, Variable[] results)
    {
        Record(inputs);
        foreach (var r in results) r.SetCreator(this);
        if (results.Length == 1)
        {
            output = results[0];
            return;
        }
        outputs = new WeakReference<Variable>[results.Length];
        outputInfo = new (int[] Shape, DType DType, Device Device)[results.Length];
        for (int i = 0; i < results.Length; i++)
        {
            outputs[i] = new WeakReference<Variable>(results[i]);
            outputInfo[i] = (results[i].Data.Shape, results[i].Data.DType, results[i].Data.Device);
        }
    }

    /// <summary>The output of a recorded single-output function (every built-in one), else null.</summary>
    internal Variable? SingleOutput => output;

    /// <summary>Output <paramref name="i"/> of the last call, for backward rules that reuse it (exp, tanh, sqrt).</summary>
    protected Variable Output(int i = 0)
    {
        if (output is not null && i == 0) return output;
        return outputs[i].TryGetTarget(out var y) ? y : throw new InvalidOperationException($"{Name}: output {i} is no longer alive");
    }

    /// <summary>
    /// False when input <paramref name="i"/> is a leaf that asked for no gradient (<see cref="Variable.RequiresGrad"/>):
    /// a backward rule may then return null for it and skip the work.
    /// </summary>
    /// <remarks>In a pass that differentiates only some variables (<c>Derivatives</c>, a batched Jacobian), also false
    /// when the input leads to none of them.</remarks>
    protected bool InputNeedsGrad(int i) => needs is { } wanted ? wanted[i] : Inputs[i].Creator is not null || Inputs[i].RequiresGrad;

    /// <summary>The forward computation on plain tensors.</summary>
    protected internal abstract Tensor[] Forward(Tensor[] xs);

    /// <summary>
    /// The vector-Jacobian product: given the gradient of each output, the gradient of each input
    /// (null for an input that has none, such as integer labels).
    /// </summary>
    /// <remarks>
    /// For functions of this library the usual backward pass recycles gradient storage (RecycledGradients.cs):
    /// their rules must not keep the gradients they are given or return, and must not return a tensor they keep
    /// (a cached mask, say) as a gradient. Returning a given gradient or a view of it is fine. Functions defined
    /// elsewhere are not recycled around.
    /// </remarks>
    protected internal abstract Variable?[] Backward(Variable[] gys);

    /// <summary>
    /// Whether the backward pass now running <see cref="Backward"/> records itself as a graph (<c>createGraph</c>), so
    /// that the gradients returned can be differentiated again. When false, a rule may compute on plain tensors (a
    /// fused kernel, a read-only broadcast view), as long as the values are the same.
    /// </summary>
    protected bool RecordsGraph { get; private set; }

    /// <summary>Runs <see cref="Backward"/> for the backward pass, telling the rule whether the pass records a graph.</summary>
    /// <remarks><paramref name="wanted"/>: which inputs need a gradient, in a pass that differentiates only some variables.</remarks>
    internal Variable?[] RunBackward(Variable[] gys, bool recordsGraph, bool[]? wanted = null)
    {
        RecordsGraph = recordsGraph;
        if (wanted is null && needs is null) return Backward(gys);
        var outer = needs;
        needs = wanted;
        try
        {
            return Backward(gys);
        }
        finally
        {
            needs = outer;
        }
    }

    /// <summary>
    /// Whether <see cref="BackwardBatched"/> is a rule of its own, one computation for the whole batch of cotangents,
    /// rather than the default that runs <see cref="Backward"/> once per batch entry.
    /// </summary>
    protected internal virtual bool HasBatchRule => false;

    /// <summary>
    /// The vector-Jacobian product for a batch of B cotangents at once (JAX's vmap of the VJP), used by
    /// <see cref="JacobianMode.BatchedReverse"/>: each of <paramref name="gys"/> has a leading axis of length B before
    /// the output's shape, and each gradient returned has one before its input's shape, (B, ...x.shape), or is null.
    /// The pass records no graph. This default runs <see cref="Backward"/> on each batch entry and stacks the results,
    /// so that every function works; a batch rule overrides it and <see cref="HasBatchRule"/>.
    /// </summary>
    protected internal virtual Variable?[] BackwardBatched(Variable[] gys) => BatchedBackprop.EntryByEntry(this, gys);

    // Which inputs need a gradient, set only while a pass that differentiates some variables runs this thread's rule:
    // a side slot rather than a field, so that the functions of ordinary graphs (thousands in a higher-order
    // derivative's) stay as small as before: the field cost W3 about 10 %.
    [ThreadStatic] private static bool[]? needs;

    /// <summary>
    /// In <see cref="BackwardBatched"/>, false when no gradient of input <paramref name="i"/> is wanted (it leads to none of
    /// the variables differentiated): a batch rule may return null for it and skip the work.
    /// </summary>
    protected bool BatchInputNeedsGrad(int i) => InputNeedsGrad(i);

    /// <summary>Runs <see cref="BackwardBatched"/> for a batched pass, telling the rule which inputs need a gradient.</summary>
    internal Variable?[] RunBackwardBatched(Variable[] gys, bool[] needs)
    {
        RecordsGraph = false;
        var outer = Function.needs;
        Function.needs = needs;
        try
        {
            return BackwardBatched(gys);
        }
        finally
        {
            Function.needs = outer;
        }
    }

    /// <summary>
    /// The Jacobian-vector product (forward mode): given the input values <paramref name="xs"/>, their
    /// tangents <paramref name="txs"/> (a known zero where an input has none: see <see cref="IsZero"/>) and the outputs <paramref name="ys"/>
    /// of the forward pass just run, the tangent of each output (null for one that has none, e.g. integers).
    /// Runs right after <see cref="Forward"/>, so state saved there (masks, statistics) can be used.
    /// A function defined outside the library needs only Forward and Backward: this default is called only when a
    /// tangent reaches the function, and then throws.
    /// </summary>
    /// <exception cref="NotSupportedException">The function has no forward-mode rule and an input carries a tangent.</exception>
    protected internal virtual Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) =>
        throw new NotSupportedException(
            $"No forward-mode rule for {Name}: it does not override Function.Jvp, and an input carries a tangent (override Jvp to use it in forward mode)");

    /// <summary>The gradient of each output for backprop; a missing one (an unused output) counts as zeros.</summary>
    internal Variable[] OutputGrads()
    {
        if (output is not null) return [output.Grad ?? new Variable(Tensor.ZerosLike(output.Data))];
        var gys = new Variable[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            Variable? y = outputs[i].TryGetTarget(out var target) ? target : null;
            gys[i] = y?.Grad ?? new Variable(Tensor.Zeros(outputInfo[i].DType, outputInfo[i].Shape).To(outputInfo[i].Device));
        }
        return gys;
    }

    /// <summary>The number of outputs of the recorded call.</summary>
    internal int OutputCount => output is not null ? 1 : outputs.Length;

    /// <summary>Output <paramref name="i"/> of the recorded call if it is still alive, else null.</summary>
    internal Variable? OutputOrNull(int i) =>
        output is not null ? output : outputs[i].TryGetTarget(out var y) ? y : null;

    /// <summary>The shape, dtype and device of output <paramref name="i"/> of the recorded call, alive or not.</summary>
    internal (int[] Shape, DType DType, Device Device) OutputDescription(int i) =>
        output is not null ? (output.Data.Shape, output.Data.DType, output.Data.Device) : outputInfo[i];

    /// <summary>Clears the gradients of the outputs still alive (they are intermediate results).</summary>
    internal void ClearOutputGrads()
    {
        if (output is not null) output.Grad = null;
        foreach (var w in outputs)
            if (w.TryGetTarget(out var y)) y.Grad = null;
    }
}
