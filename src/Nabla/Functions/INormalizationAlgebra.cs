namespace Nabla.Functions;

/// <summary>
/// The few operations <see cref="Normalization"/>'s formulas need, over Tensors (forward values, JVPs) or over
/// Variables (backward rules, whose graph a second derivative differentiates).
/// </summary>
internal interface INormalizationAlgebra<T>
{
    /// <summary>a − b, broadcasting.</summary>
    static abstract T Subtract(T a, T b);

    /// <summary>a · b, broadcasting.</summary>
    static abstract T Multiply(T a, T b);

    /// <summary>The mean over <paramref name="axes"/>, keeping them as length-1 axes.</summary>
    static abstract T Mean(T x, int[] axes);

    /// <summary>(v + eps)^(−1/2).</summary>
    static abstract T InverseSqrt(T v, double eps);
}
