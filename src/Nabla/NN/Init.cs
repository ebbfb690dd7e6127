using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>
/// Where layers draw their initial weights: a seeded generator, so that a model built twice after the
/// same <see cref="Seed"/> starts from the same weights (as <c>torch.manual_seed</c>).
/// </summary>
public static class Init
{
    private static readonly AsyncLocal<Generator?> current = new();

    /// <summary>The generator used by layers constructed without one (seed 0 until <see cref="Seed"/> is called).</summary>
    public static Generator Generator
    {
        get => current.Value ??= new Generator(0);
        set => current.Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Restarts the default generator from <paramref name="seed"/>.</summary>
    public static void Seed(long seed) => Generator = new Generator(seed);

    /// <summary>
    /// Normal weights scaled by sqrt(1/fanIn), as DeZero's Linear and Conv2d (LeCun normal). With a
    /// NumPy-compatible generator (<see cref="Generator.NumPy(uint)"/>) the arithmetic is DeZero's too,
    /// <c>randn(shape).astype(dtype) * sqrt(1/fanIn)</c>: cast first, then scaled in <paramref name="dtype"/>.
    /// </summary>
    public static Tensor LeCunNormal(Generator gen, DType dtype, int fanIn, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(gen);
        double scale = Math.Sqrt(1.0 / Math.Max(fanIn, 1));
        return gen.IsNumPyCompatible
            ? Tensor.Randn(gen, dtype, shape) * scale
            : (Tensor.Randn(gen, DType.Float64, shape) * scale).AsType(dtype);
    }
}
