using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Autodiff;

/// <summary>Central-difference gradient checks in float64 for the autodiff tests.</summary>
internal static class GradCheck
{
    /// <summary>Asserts that backprop's gradient of sum(f(xs)) w.r.t. each input matches central differences.</summary>
    public static void Assert(Func<Variable[], Variable> f, params Tensor[] inputs) => Assert(f, 1e-5, 1e-7, inputs);

    public static void Assert(Func<Variable[], Variable> f, double rtol, double atol, params Tensor[] inputs)
    {
        var xs = inputs.Select(t => new Variable(t.AsType(DType.Float64).Copy())).ToArray();
        var y = F.Sum(f(xs));
        y.Backward();
        for (int i = 0; i < xs.Length; i++)
        {
            var numeric = Numeric(f, xs, i);
            var analytic = xs[i].Grad?.Data ?? Tensor.ZerosLike(xs[i].Data);
            Xunit.Assert.True(Tensor.AllClose(analytic, numeric, rtol, atol),
                $"input {i}: backprop {analytic} vs central differences {numeric}");
        }
        AssertJvp(f, rtol, atol, inputs);
    }

    /// <summary>
    /// Asserts that forward mode (tangents carried through f inside NoGrad) gives the directional derivative
    /// of f's whole output along random tangents, against central differences along the same direction.
    /// </summary>
    public static void AssertJvp(Func<Variable[], Variable> f, double rtol, double atol, params Tensor[] inputs)
    {
        var gen = new Generator(4242);
        var points = inputs.Select(t => t.AsType(DType.Float64).Copy()).ToArray();
        var tangents = points.Select(p => Tensor.Randn(gen, DType.Float64, p.Shape)).ToArray();
        Tensor forward;
        using (Config.NoGrad())
        {
            var y = f(points.Select((p, i) => new Variable(p) { Tangent = tangents[i] }).ToArray());
            forward = y.Tangent ?? Tensor.ZerosLike(y.Data);
        }
        const double h = 1e-6;
        var numeric = (Shifted(f, points, tangents, h) - Shifted(f, points, tangents, -h)) / (2 * h);
        Xunit.Assert.True(Tensor.AllClose(forward, numeric, rtol, atol),
            $"forward mode {forward} vs central differences {numeric}");
    }

    private static Tensor Shifted(Func<Variable[], Variable> f, Tensor[] points, Tensor[] tangents, double h)
    {
        using (Config.NoGrad())
            return f(points.Select((p, i) => new Variable(p + tangents[i] * h)).ToArray()).Data.AsType(DType.Float64);
    }

    /// <summary>Central differences of sum(f) w.r.t. input <paramref name="which"/>.</summary>
    public static Tensor Numeric(Func<Variable[], Variable> f, Variable[] xs, int which, double h = 1e-6)
    {
        var x = xs[which].Data;
        var grad = Tensor.ZerosLike(x);
        var flat = x.Reshape(-1);
        for (int k = 0; k < x.Size; k++)
        {
            double v = flat.GetDouble(k);
            flat.SetDouble(v + h, k);
            double plus = Eval(f, xs);
            flat.SetDouble(v - h, k);
            double minus = Eval(f, xs);
            flat.SetDouble(v, k);
            grad.Reshape(-1).SetDouble((plus - minus) / (2 * h), k);
        }
        return grad;
    }

    private static double Eval(Func<Variable[], Variable> f, Variable[] xs)
    {
        using (Config.NoGrad())
            return f(xs.Select(x => new Variable(x.Data)).ToArray()).Data.Sum().Item();
    }

    /// <summary>Checks the gradient of the gradient: d/dx sum(v · ∇f(x)) by backprop with createGraph against central differences.</summary>
    public static void AssertSecond(Func<Variable[], Variable> f, params Tensor[] inputs)
    {
        var x = new Variable(inputs[0].AsType(DType.Float64).Copy());
        var rest = inputs.Skip(1).Select(t => new Variable(t.AsType(DType.Float64))).ToArray();
        Variable FirstGradSum(Variable xv, bool createGraph)
        {
            var y = F.Sum(f([xv, .. rest]));
            xv.ClearGrad();
            y.Backward(createGraph: createGraph);
            return F.Sum(xv.Grad ?? new Variable(Tensor.ZerosLike(xv.Data)));
        }
        var g = FirstGradSum(x, true);
        x.ClearGrad();
        g.Backward();
        var analytic = x.Grad?.Data ?? Tensor.ZerosLike(x.Data);
        var numeric = Tensor.ZerosLike(x.Data);
        var flat = x.Data.Reshape(-1);
        const double h = 1e-5;
        for (int k = 0; k < x.Size; k++)
        {
            double v = flat.GetDouble(k);
            flat.SetDouble(v + h, k);
            double plus = FirstGradSum(new Variable(x.Data), false).Data.Item();
            flat.SetDouble(v - h, k);
            double minus = FirstGradSum(new Variable(x.Data), false).Data.Item();
            flat.SetDouble(v, k);
            numeric.Reshape(-1).SetDouble((plus - minus) / (2 * h), k);
        }
        Xunit.Assert.True(Tensor.AllClose(analytic, numeric, 1e-4, 1e-6), $"second derivative: backprop {analytic} vs numeric {numeric}");
    }
}
