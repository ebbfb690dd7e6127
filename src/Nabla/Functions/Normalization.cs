using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Batch normalization's formulas, written once for Tensors and Variables: x̂ = (x − μ)·s with s = (σ² + eps)^(−1/2),
/// and the derivative of x̂ in x. That derivative is symmetric in training (the batch statistics move with x), so
/// one projection serves as both the VJP and the JVP.
/// </summary>
internal static class Normalization
{
    /// <summary>The batch mean, biased variance, 1/std and x̂ of x over <paramref name="axes"/>.</summary>
    public static (T Mean, T Variance, T InvStd, T Xhat) BatchStatistics<T, TAlg>(T x, int[] axes, double eps)
        where TAlg : INormalizationAlgebra<T>
    {
        var mean = TAlg.Mean(x, axes);
        var centered = TAlg.Subtract(x, mean);
        var variance = TAlg.Mean(TAlg.Multiply(centered, centered), axes);
        var invStd = TAlg.InverseSqrt(variance, eps);
        return (mean, variance, invStd, TAlg.Multiply(centered, invStd));
    }

    /// <summary>x̂ = (x − mean)·invStd with given statistics (test mode: the running ones, constants).</summary>
    public static T Normalize<T, TAlg>(T x, T mean, T invStd) where TAlg : INormalizationAlgebra<T> =>
        TAlg.Multiply(TAlg.Subtract(x, mean), invStd);

    /// <summary>
    /// ∂x̂/∂x applied to v with the batch statistics: (v − mean(v) − x̂·mean(x̂·v))·invStd. The matrix is symmetric,
    /// so this is the VJP of a cotangent and the JVP of a tangent alike.
    /// </summary>
    public static T Project<T, TAlg>(T v, T xhat, T invStd, int[] axes) where TAlg : INormalizationAlgebra<T>
    {
        var centered = TAlg.Subtract(v, TAlg.Mean(v, axes));
        var along = TAlg.Multiply(xhat, TAlg.Mean(TAlg.Multiply(xhat, v), axes));
        return TAlg.Multiply(TAlg.Subtract(centered, along), invStd);
    }

    /// <summary>The formulas on Tensors.</summary>
    public readonly struct OnTensors : INormalizationAlgebra<Tensor>
    {
        public static Tensor Subtract(Tensor a, Tensor b) => a - b;

        public static Tensor Multiply(Tensor a, Tensor b) => a * b;

        public static Tensor Mean(Tensor x, int[] axes) => x.Mean(axes, keepDims: true);

        public static Tensor InverseSqrt(Tensor v, double eps) => (v + eps).Pow(-0.5);
    }

    /// <summary>The formulas on Variables, recorded as a graph.</summary>
    public readonly struct OnVariables : INormalizationAlgebra<Variable>
    {
        public static Variable Subtract(Variable a, Variable b) => a - b;

        public static Variable Multiply(Variable a, Variable b) => a * b;

        public static Variable Mean(Variable x, int[] axes) => F.Mean(x, axes, keepDims: true);

        public static Variable InverseSqrt(Variable v, double eps) => F.Pow(v + eps, -0.5);
    }
}
