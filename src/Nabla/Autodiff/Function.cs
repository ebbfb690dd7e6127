using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// One differentiable operation: <see cref="Forward"/> on tensors and <see cref="Backward"/>, the
/// vector-Jacobian product, written with Variable operations so that it can itself be differentiated.
/// Calling it records it as the creator of its outputs unless <see cref="Config.NoGrad"/> is active.
/// Outputs are held weakly so that a finished graph can be collected.
/// </summary>
public abstract class Function
{
    private WeakReference<Variable>[] outputs = [];
    private (int[] Shape, DType DType)[] outputInfo = [];

    /// <summary>The variables this function was applied to (empty once unchained).</summary>
    public Variable[] Inputs { get; private set; } = [];

    /// <summary>One more than the newest input's generation: the order in which backprop visits functions.</summary>
    public int Generation { get; private set; }

    /// <summary>The name shown in graphs and messages.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>Applies the function to one or more inputs and returns its single output.</summary>
    public Variable Call(params Variable[] inputs)
    {
        var results = CallMany(inputs);
        if (results.Length != 1)
            throw new InvalidOperationException($"{Name}: has {results.Length} outputs; use CallMany");
        return results[0];
    }

    /// <summary>Applies the function and returns all its outputs.</summary>
    public Variable[] CallMany(params Variable[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var xs = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
            xs[i] = (inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"{Name}: input {i} is null")).Data;
        var ys = Forward(xs);
        var tys = HasTangent(inputs) ? Jvp(xs, Tangents(inputs), ys) : null;
        var results = new Variable[ys.Length];
        for (int i = 0; i < ys.Length; i++)
            results[i] = new Variable(ys[i]) { Tangent = tys is not null && i < tys.Length ? tys[i] : null };
        if (Config.EnableBackprop) Record(inputs, results);
        else foreach (var r in results) r.MadeWithoutGraph = true;
        return results;
    }

    private static bool HasTangent(Variable[] inputs)
    {
        foreach (var x in inputs)
            if (x.Tangent is not null) return true;
        return false;
    }

    /// <summary>Each input's tangent, zeros where it has none, so that rules need no null checks.</summary>
    private static Tensor[] Tangents(Variable[] inputs) =>
        inputs.Select(x => x.Tangent ?? Tensor.ZerosLike(x.Data)).ToArray();

    private void Record(Variable[] inputs, Variable[] results)
    {
        Generation = inputs.Length == 0 ? 0 : inputs.Max(x => x.Generation);
        foreach (var r in results) r.SetCreator(this);
        Inputs = inputs;
        outputs = results.Select(r => new WeakReference<Variable>(r)).ToArray();
        outputInfo = results.Select(r => (r.Data.Shape, r.Data.DType)).ToArray();
    }

    /// <summary>Output <paramref name="i"/> of the last call, for backward rules that reuse it (exp, tanh, sqrt).</summary>
    protected Variable Output(int i = 0) =>
        outputs[i].TryGetTarget(out var y) ? y : throw new InvalidOperationException($"{Name}: output {i} is no longer alive");

    /// <summary>The forward computation on plain tensors.</summary>
    protected internal abstract Tensor[] Forward(Tensor[] xs);

    /// <summary>
    /// The vector-Jacobian product: given the gradient of each output, the gradient of each input
    /// (null for an input that has none, such as integer labels).
    /// </summary>
    protected internal abstract Variable?[] Backward(Variable[] gys);

    /// <summary>
    /// The Jacobian-vector product (forward mode): given the input values <paramref name="xs"/>, their
    /// tangents <paramref name="txs"/> (zeros where an input has none) and the outputs <paramref name="ys"/>
    /// of the forward pass just run, the tangent of each output (null for one that has none, e.g. integers).
    /// Runs right after <see cref="Forward"/>, so state saved there (masks, statistics) can be used.
    /// </summary>
    protected internal abstract Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys);

    /// <summary>The gradient of each output for backprop; a missing one (an unused output) counts as zeros.</summary>
    internal Variable[] OutputGrads()
    {
        var gys = new Variable[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            Variable? y = outputs[i].TryGetTarget(out var target) ? target : null;
            gys[i] = y?.Grad ?? new Variable(Tensor.Zeros(outputInfo[i].DType, outputInfo[i].Shape));
        }
        return gys;
    }

    /// <summary>Clears the gradients of the outputs still alive (they are intermediate results).</summary>
    internal void ClearOutputGrads()
    {
        foreach (var w in outputs)
            if (w.TryGetTarget(out var y)) y.Grad = null;
    }
}
