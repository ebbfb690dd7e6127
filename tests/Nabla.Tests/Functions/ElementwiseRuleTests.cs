using System.Numerics;
using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Symbolic;
using Nabla.Tensors;

namespace Nabla.Tests.Functions;

/// <summary>
/// The elementwise rules are the one place each derivative is written: every formula-slope function uses its rule,
/// the symbolic differentiator reads the same rules, and the vectorised fused kernels (which keep their own copies
/// for speed) give bit for bit what the rule gives, at every SIMD level.
/// </summary>
[Collection("SimdLevel")]
public class ElementwiseRuleTests
{
    /// <summary>Slopes on plain numbers, in the same operation order as the Variable form.</summary>
    private sealed class Numbers<T> : ISlopeAlgebra<T> where T : IFloatingPointIeee754<T>
    {
        public T Add(double c, T b) => T.CreateChecked(c) + b;
        public T Subtract(double c, T b) => T.CreateChecked(c) - b;
        public T Multiply(double c, T b) => T.CreateChecked(c) * b;
        public T Divide(double c, T b) => T.CreateChecked(c) / b;
        public T Multiply(T a, T b) => a * b;
        public T Negate(T a) => -a;
        public T Square(T a) => a * a;
        public T Apply(ElementwiseRule f, T a) => T.CreateChecked(Value(f, double.CreateChecked(a)));
        public T Sign(T a) => T.CreateChecked(Math.Sign(double.CreateChecked(a)));
    }

    private static double Value(ElementwiseRule f, double x) => f.Call(new Variable(Tensor.Scalar(x))).Data.Item();

    private static readonly double[] Points = [-2.5, -0.7, -0.1, 0.3, 0.9, 1.7, 3.2];

    public static TheoryData<string> Rules() => [.. ElementwiseRules.All.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(Rules))]
    public void TheFunctionsGradientIsItsRulesSlope(string name)
    {
        var rule = ElementwiseRules.ByName(name)!;
        // Positive points for log and sqrt.
        var xs = name is "log" or "sqrt" ? Points.Select(Math.Abs).ToArray() : Points;
        var x = new Variable(Tensor.FromSpan<double>(xs, xs.Length));
        var y = rule.Call(x);
        Assert.IsType(rule.FunctionType, y.Creator);
        F.Sum(y).Backward();
        var numbers = new Numbers<double>();
        var ys = y.Data.ToArray<double>();
        for (int i = 0; i < xs.Length; i++)
            Assert.Equal(rule.Slope.Evaluate(numbers, xs[i], ys[i]), x.Grad!.Data.GetDouble(i), 15);
        // And the slope is the derivative: central differences agree.
        for (int i = 0; i < xs.Length; i++)
        {
            double h = 1e-6, fd = (Value(rule, xs[i] + h) - Value(rule, xs[i] - h)) / (2 * h);
            Assert.Equal(fd, x.Grad!.Data.GetDouble(i), 6);
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void TheSymbolicDerivativeIsTheRulesSlope(string name)
    {
        var rule = ElementwiseRules.ByName(name)!;
        var derivative = Expr.Parse($"{name}(x)").Derive("x");
        var numbers = new Numbers<double>();
        foreach (double x in name is "log" or "sqrt" ? Points.Select(Math.Abs) : Points)
        {
            var at = new Dictionary<string, double> { ["x"] = x };
            Assert.Equal(rule.Slope.Evaluate(numbers, x, Value(rule, x)), derivative.Evaluate(at), 13);
        }
    }

    [Fact]
    public void EveryFunctionWithAFormulaSlopeHasARuleAndEveryFormulaFunctionToo()
    {
        // The unary elementwise functions whose slope is a mask or depends on a parameter keep it in their class.
        string[] ownSlope = ["ReLU", "LeakyReLU", "Clip", "Pow"];
        var unary = typeof(UnaryElementwise).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(UnaryElementwise)) && !t.IsAbstract).Select(t => t.Name).Order();
        Assert.Equal(unary, ElementwiseRules.All.Select(r => r.FunctionType.Name).Concat(ownSlope).Order());
        foreach (var name in new[] { "sin", "cos", "tan", "tanh", "sigmoid", "exp", "log", "sqrt", "abs" })
            Assert.NotNull(ElementwiseRules.ByName(name));
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    public void TheFusedKernelGivesTheRulesBitsAtEverySimdLevel(string name)
    {
        var rule = ElementwiseRules.ByName(name)!;
        var op = name == "tanh" ? FusedActivation.Tanh : FusedActivation.Sigmoid;
        foreach (var level in Enum.GetValues<SimdLevel>())
            if (level <= Simd.Detected)
            {
                var saved = Simd.Level;
                try
                {
                    Simd.Level = level;
                    Check<float>(op, rule, DType.Float32);
                    Check<double>(op, rule, DType.Float64);
                }
                finally
                {
                    Simd.Level = saved;
                }
            }
    }

    private static void Check<T>(FusedActivation op, ElementwiseRule rule, DType dtype) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // 1,000 values: whole vectors at every width and a ragged tail.
        var gen = new Generator(5);
        var y = (Tensor.Rand(gen, 1000) * 2.0 - 1.0).AsType(dtype);
        var gy = Tensor.Randn(gen, 1000).AsType(dtype);
        var fused = Tensor.ActivationGrad(op, gy, y)!.ToArray<T>();
        var numbers = new Numbers<T>();
        var ys = y.ToArray<T>();
        var gys = gy.ToArray<T>();
        for (int i = 0; i < ys.Length; i++)
            Assert.Equal(gys[i] * rule.Slope.Evaluate(numbers, T.NaN, ys[i]), fused[i]); // the kernels read y alone
    }
}
