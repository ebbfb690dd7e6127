using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>
/// Updates a model's parameters in place from their gradients, as DeZero's optimizers:
/// <c>var opt = new Adam().Setup(model); ... loss.Backward(); opt.Update();</c>. Gradient buffers and
/// optimizer state are allocated on the first update and reused after that.
/// </summary>
public abstract class Optimizer
{
    private Layer? target;
    private Parameter[]? parameters;
    private readonly List<IOptimizerHook> hooks = [];
    private readonly Dictionary<Parameter, Tensor> gradients = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Parameter, Tensor[]> state = new(ReferenceEqualityComparer.Instance);
    private readonly List<GradientEntry> entries = [];

    /// <summary>The number of updates done so far.</summary>
    public int Steps { get; private set; }

    /// <summary>The hooks, in the order they run.</summary>
    public IReadOnlyList<IOptimizerHook> Hooks => hooks;

    /// <summary>Chooses the model (or layer) whose parameters are updated.</summary>
    public Optimizer Setup(Layer target)
    {
        this.target = target ?? throw new ArgumentNullException(nameof(target));
        parameters = null;
        return this;
    }

    /// <summary>Adds a hook that runs on the gradients before every update.</summary>
    public Optimizer AddHook(IOptimizerHook hook)
    {
        hooks.Add(hook ?? throw new ArgumentNullException(nameof(hook)));
        return this;
    }

    /// <summary>
    /// Adds a function as a hook (DeZero's <c>optimizer.add_hook(f)</c>): it gets the entries about to be applied
    /// (each parameter with a copy of its gradient, which it may change or mark frozen) before every update.
    /// </summary>
    public Optimizer AddHook(Action<IReadOnlyList<GradientEntry>> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return AddHook(new FunctionHook(hook));
    }

    /// <summary>One step: every parameter that has a gradient moves by the optimizer's rule.</summary>
    public void Update()
    {
        var model = target ?? throw new InvalidOperationException($"{GetType().Name}: call Setup(model) before Update()");
        parameters ??= [.. model.Parameters()];
        entries.Clear();
        foreach (var p in parameters)
            if (p.Grad is not null && p.Size > 0) entries.Add(new GradientEntry(p, CopyGradient(p)));
        Steps++;
        foreach (var hook in hooks) hook.Apply(entries);
        foreach (var entry in entries)
            if (!entry.Frozen) UpdateOne(entry.Parameter, entry.Gradient);
    }

    /// <summary>The rule for one parameter; <paramref name="gradient"/> is contiguous and of its shape and dtype.</summary>
    protected abstract void UpdateOne(Parameter parameter, Tensor gradient);

    /// <summary>The optimizer's state tensors for <paramref name="p"/> (zeros at first), e.g. Adam's m and v.</summary>
    protected Tensor[] State(Parameter p, int count)
    {
        if (!state.TryGetValue(p, out var tensors) || !SameShape(tensors[0], p.Data))
            state[p] = tensors = Enumerable.Range(0, count).Select(_ => Tensor.ZerosLike(p.Data)).ToArray();
        // The state follows a parameter that was moved to another device, as PyTorch's does on load.
        if (tensors[0].Device != p.Data.Device)
            state[p] = tensors = tensors.Select(t => t.To(p.Data.Device)).ToArray();
        return tensors;
    }

    private Tensor CopyGradient(Parameter p)
    {
        var grad = p.Grad!.Data;
        if (!SameShape(grad, p.Data))
            throw new InvalidOperationException($"{GetType().Name}: gradient of shape ({string.Join(",", grad.Shape)}) for parameter {p.Name} of shape ({string.Join(",", p.Shape)})");
        if (grad.Device != p.Data.Device)
            throw new InvalidOperationException($"{GetType().Name}: gradient of parameter {p.Name} on {grad.Device}, the parameter on {p.Data.Device}");
        if (!p.Data.IsContiguous || p.Data.IsReadOnly || !p.DType.IsFloat())
            throw new InvalidOperationException($"{GetType().Name}: parameter {p.Name} must be a writable contiguous float tensor");
        if (!gradients.TryGetValue(p, out var buffer) || !SameShape(buffer, p.Data) || buffer.DType != p.DType || buffer.Device != p.Data.Device)
            gradients[p] = buffer = Tensor.ZerosLike(p.Data);
        buffer.Assign(grad);
        return buffer;
    }

    private static bool SameShape(Tensor a, Tensor b) => a.Shape.AsSpan().SequenceEqual(b.Shape);
}
