using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Inverted dropout: in training (<see cref="Config.Train"/>) each element is kept with probability 1 - ratio
/// and scaled by 1/(1 - ratio), so the expected value is unchanged and test mode is the identity. The scaled
/// mask is drawn once in Forward and reused by Backward and Jvp, so all three see the same dropped elements.
/// </summary>
public sealed class DropoutFunction : Function
{
    /// <summary>"Dropout": messages and graph drawings name the op without the suffix that tells it from the layer NN.Dropout.</summary>
    public override string Name => "Dropout";

    private static readonly Lock sharedLock = new();
    private static Generator shared = new(0);
    private readonly Generator? generator;
    private Tensor? mask;

    /// <summary>A dropout drawing its mask from <paramref name="generator"/>, or from the shared default generator when null.</summary>
    public DropoutFunction(double ratio = 0.5, Generator? generator = null)
    {
        if (!(ratio >= 0 && ratio < 1))
            throw new ArgumentException($"Dropout: ratio {ratio} is outside [0, 1)", nameof(ratio));
        Ratio = ratio;
        this.generator = generator;
    }

    /// <summary>The probability of dropping an element.</summary>
    public double Ratio { get; }

    /// <summary>
    /// Restarts the generator used when none is given (seed 0 at start-up), for reproducible runs. The shared
    /// generator is locked while a mask is drawn, so dropouts on several threads do not corrupt it.
    /// </summary>
    public static void SeedDefault(long seed)
    {
        lock (sharedLock) shared = new Generator(seed);
    }

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var x = xs[0];
        if (!x.DType.IsFloat())
            throw new ArgumentException($"Dropout: needs a float input, got dtype {x.DType.Name()}");
        if (!Config.Train) return [x.Copy()];
        mask = DrawMask(x);
        return [x * mask];
    }

    /// <summary>1/(1-ratio) where an element is kept, 0 where it is dropped; P(uniform ≥ ratio) = 1 - ratio exactly.</summary>
    private Tensor DrawMask(Tensor x)
    {
        Tensor uniform;
        if (generator is not null) uniform = Tensor.Rand(generator, x.DType, x.Shape);
        else lock (sharedLock) uniform = Tensor.Rand(shared, x.DType, x.Shape);
        // Drawn on the host, so a seed gives the same mask on every device.
        return uniform.To(x.Device).Ge(Ratio).AsType(x.DType) * (1.0 / (1 - Ratio));
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [mask is null ? gys[0] : gys[0] * mask];

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [mask is null ? txs[0] : txs[0] * mask];
}
