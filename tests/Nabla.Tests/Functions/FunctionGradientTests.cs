using Nabla.Autodiff;
using Nabla.Tensors;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>Every function's backward against central differences in float64, with broadcasting shapes, and its second derivative.</summary>
public class FunctionGradientTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    private static Tensor Positive(int seed, params int[] shape) => Tensor.Rand(new Generator(seed), DType.Float64, shape) + 0.5;

    public static TheoryData<string> Binary => new() { "add", "sub", "mul", "div" };

    private static Variable Apply(string op, Variable a, Variable b) => op switch
    {
        "add" => a + b,
        "sub" => a - b,
        "mul" => a * b,
        _ => a / b,
    };

    [Theory]
    [MemberData(nameof(Binary))]
    public void BinaryOpsSameShape(string op) => GradCheck.Assert(v => Apply(op, v[0], v[1]), R(1, 2, 3), Positive(2, 2, 3));

    [Theory]
    [MemberData(nameof(Binary))]
    public void BinaryOpsBroadcastRowAndColumn(string op)
    {
        GradCheck.Assert(v => Apply(op, v[0], v[1]), R(1, 2, 3), Positive(2, 3));
        GradCheck.Assert(v => Apply(op, v[0], v[1]), R(3, 2, 1), Positive(4, 1, 3));
        GradCheck.Assert(v => Apply(op, v[0], v[1]), R(5, 4, 1, 3), Positive(6, 2, 1));
        GradCheck.Assert(v => Apply(op, v[0], v[1]), R(7), Positive(8, 2, 2));
    }

    [Theory]
    [MemberData(nameof(Binary))]
    public void BinaryOpsSecondDerivative(string op) => GradCheck.AssertSecond(v => Apply(op, v[0], v[1]) * v[0], R(1, 2, 3), Positive(2, 3));

    public static TheoryData<string> Unary => new() { "neg", "exp", "log", "sin", "cos", "tanh", "sqrt", "pow3", "pow-1.5" };

    private static Variable Apply(string op, Variable x) => op switch
    {
        "neg" => -x,
        "exp" => F.Exp(x),
        "log" => F.Log(x),
        "sin" => F.Sin(x),
        "cos" => F.Cos(x),
        "tanh" => F.Tanh(x),
        "sqrt" => F.Sqrt(x),
        "pow3" => x.Pow(3),
        _ => x.Pow(-1.5),
    };

    [Theory]
    [MemberData(nameof(Unary))]
    public void UnaryOps(string op) => GradCheck.Assert(v => Apply(op, v[0]), Positive(3, 3, 4));

    [Theory]
    [MemberData(nameof(Unary))]
    public void UnaryOpsSecondDerivative(string op) => GradCheck.AssertSecond(v => Apply(op, v[0]), Positive(4, 2, 3));

    [Fact]
    public void ShapeOps()
    {
        GradCheck.Assert(v => v[0].Reshape(3, 2) * R(9, 3, 2), R(1, 2, 3));
        GradCheck.Assert(v => v[0].T * R(9, 3, 2), R(1, 2, 3));
        GradCheck.Assert(v => v[0].Transpose(1, 2, 0) * R(9, 3, 4, 2), R(1, 2, 3, 4));
        GradCheck.Assert(v => F.BroadcastTo(v[0], 4, 2, 3) * R(9, 4, 2, 3), R(1, 2, 1));
        GradCheck.Assert(v => F.SumTo(v[0], 1, 3) * R(9, 1, 3), R(1, 4, 2, 3));
    }

    [Fact]
    public void SumOverAxes()
    {
        GradCheck.Assert(v => v[0].Sum() * 2.0, R(1, 2, 3));
        GradCheck.Assert(v => v[0].Sum(axis: 0) * R(9, 3), R(1, 2, 3));
        GradCheck.Assert(v => v[0].Sum(axis: -1, keepDims: true) * R(9, 2, 1), R(1, 2, 3));
        GradCheck.Assert(v => F.Sum(v[0], [0, 2]) * R(9, 3), R(1, 2, 3, 4));
        GradCheck.AssertSecond(v => F.Sum(v[0] * v[0], 1) * F.Sum(v[0], 1), R(1, 2, 3));
    }

    [Fact]
    public void MatMulAllShapes()
    {
        GradCheck.Assert(v => F.MatMul(v[0], v[1]), R(1, 2, 3), R(2, 3, 4));
        GradCheck.Assert(v => F.MatMul(v[0], v[1]), R(1, 2, 2, 3), R(2, 3, 4));
        GradCheck.Assert(v => F.MatMul(v[0], v[1]), R(1, 3), R(2, 3, 4));
        GradCheck.Assert(v => F.MatMul(v[0], v[1]), R(1, 2, 3), R(2, 3));
        GradCheck.Assert(v => F.MatMul(v[0], v[1]), R(1, 3), R(2, 3));
        GradCheck.Assert(v => F.MatMul(v[0], v[1].T), R(1, 2, 3), R(2, 4, 3));
        GradCheck.AssertSecond(v => F.MatMul(F.Tanh(v[0]), v[1]), R(1, 2, 3), R(2, 3, 2));
    }
}
