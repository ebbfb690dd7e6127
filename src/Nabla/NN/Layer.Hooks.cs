using Nabla.Autodiff;

namespace Nabla.NN;

public abstract partial class Layer
{
    private List<Action<Layer, Variable, Variable>>? forwardHooks;

    /// <summary>
    /// Runs <see cref="Forward(Variable)"/>, then the forward hooks (PyTorch's <c>module(x)</c>, DeZero's <c>layer(x)</c>).
    /// <see cref="Sequential"/> and <see cref="MLP"/> call their children this way; a model of your own should too
    /// where its children's hooks are to run.
    /// </summary>
    public Variable Call(Variable x)
    {
        var y = Forward(x);
        if (forwardHooks is { Count: > 0 } hooks)
            foreach (var hook in hooks.ToArray()) hook(this, x, y);
        return y;
    }

    /// <summary><see cref="Call(Variable)"/> on a plain tensor, whose gradient is not computed.</summary>
    public Variable Call(Nabla.Tensors.Tensor x) => Call(new Variable(x) { RequiresGrad = false });

    /// <summary>
    /// PyTorch's <c>register_forward_hook</c>: <paramref name="hook"/> gets this layer, its input and its output after
    /// every <see cref="Call(Variable)"/> (to read an intermediate output, as Grad-CAM does). Hooks run in the order
    /// registered; disposing the returned handle removes this one.
    /// </summary>
    public IDisposable RegisterForwardHook(Action<Layer, Variable, Variable> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        (forwardHooks ??= []).Add(hook);
        return new HookHandle(this, hook);
    }

    /// <summary>A layer used where a function of one variable is expected (a Sequential step, an MLP activation): its <see cref="Call(Variable)"/>.</summary>
    public static implicit operator Func<Variable, Variable>(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return layer.Call;
    }

    private sealed class HookHandle(Layer layer, Action<Layer, Variable, Variable> hook) : IDisposable
    {
        private bool removed;

        public void Dispose()
        {
            if (removed) return;
            removed = true;
            layer.forwardHooks?.Remove(hook);
        }
    }
}
