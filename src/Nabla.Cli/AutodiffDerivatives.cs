using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Cli;

/// <summary>
/// The n-th partial derivative of a program on Variables at a point, by Nabla's automatic differentiation:
/// reverse mode (Backward n times, recording each backward pass) and forward mode (a tangent on the input,
/// read on the output; for n &gt; 1 on the (n−1)-th reverse-mode derivative: forward over reverse).
/// </summary>
public static class AutodiffDerivatives
{
    /// <summary>∂ⁿf/∂xₖⁿ at <paramref name="point"/> by reverse mode.</summary>
    public static double Reverse(Func<Variable[], Variable> f, double[] point, int k, int order)
    {
        var xs = Inputs(f, point, k, order);
        var g = f(xs);
        for (int i = 1; i <= order; i++) g = Grad(g, xs, k, createGraph: i < order);
        return g.Data.Item();
    }

    /// <summary>∂ⁿf/∂xₖⁿ at <paramref name="point"/> by forward mode (over reverse mode for orders above 1).</summary>
    public static double Forward(Func<Variable[], Variable> f, double[] point, int k, int order)
    {
        var xs = Inputs(f, point, k, order);
        xs[k].Tangent = Tensor.Scalar(1.0);
        var g = f(xs);
        for (int i = 1; i < order; i++) g = Grad(g, xs, k, createGraph: true);
        return g.Tangent?.Item() ?? 0;
    }

    private static Variable[] Inputs(Func<Variable[], Variable> f, double[] point, int k, int order)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        if ((uint)k >= (uint)point.Length)
            throw new ArgumentOutOfRangeException(nameof(k), $"AutodiffDerivatives: input {k} of a point with {point.Length} values");
        if (order < 1)
            throw new ArgumentOutOfRangeException(nameof(order), $"AutodiffDerivatives: order must be at least 1, got {order}");
        return point.Select(v => new Variable(Tensor.Scalar(v))).ToArray();
    }

    /// <summary>∂g/∂xₖ as a Variable (zero when g does not depend on xₖ).</summary>
    private static Variable Grad(Variable g, Variable[] xs, int k, bool createGraph)
    {
        foreach (var x in xs) x.ClearGrad();
        g.Backward(createGraph: createGraph);
        return xs[k].Grad ?? new Variable(Tensor.ZerosLike(xs[k].Data));
    }
}
