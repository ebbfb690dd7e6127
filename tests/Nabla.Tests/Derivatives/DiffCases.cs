using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Derivatives;

/// <summary>
/// The functions the three ways of differentiating must agree on: scalar ones (gradients, Hessians) and vector
/// ones (Jacobians). All smooth at their points (no ReLU kinks), all in float64.
/// </summary>
internal static class DiffCases
{
    public static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    public static Tensor V(params double[] values) => Tensor.FromArray(values);

    /// <summary>Σ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)².</summary>
    public static Variable Rosenbrock(Variable x)
    {
        var head = x[..^1];
        var tail = x[1..];
        var a = tail - head * head;
        var b = 1.0 - head;
        return F.Sum(100.0 * a * a + b * b);
    }

    /// <summary>The cross-entropy of a tanh MLP 4 → 5 → 3 on a fixed batch, as a function of its weights.</summary>
    public static Variable MlpLoss(Variable[] p)
    {
        var x = new Variable(R(100, 6, 4));
        var labels = Tensor.FromArray(new long[] { 0, 2, 1, 1, 0, 2 });
        var h = F.Tanh(F.Linear(x, p[0], p[1]));
        return F.SoftmaxCrossEntropy(F.Linear(h, p[2], p[3]), labels);
    }

    public static Tensor[] MlpWeights() => [R(1, 4, 5) * 0.5, R(2, 5) * 0.1, R(3, 5, 3) * 0.5, R(4, 3) * 0.1];

    public static readonly DiffCase[] Scalar =
    [
        new("rosenbrock-2", v => Rosenbrock(v[0]), [V(-1.2, 1.0)]),
        new("rosenbrock-100", v => Rosenbrock(v[0]), [Tensor.Ones(DType.Float64, 100) + R(5, 100) * 0.3]),
        new("log-sum-exp", v => F.LogSumExp(v[0]), [R(6, 7)]),
        new("softmax-entropy", v => -F.Sum(F.Softmax(v[0]) * F.LogSoftmax(v[0])), [R(7, 2, 4)]),
        new("mlp-loss", MlpLoss, MlpWeights()),
        new("broadcast", v => F.Sum(F.Tanh(v[0] * v[1] + v[0]) * v[1]), [R(8, 3, 1), R(9, 4)]),
        new("matmul", v => F.Sum(F.Sin(F.MatMul(v[0], v[1]))), [R(10, 3, 4), R(11, 4, 2)]),
        new("quadratic-form", v => F.Sum(v[0] * F.MatMul(new Variable(R(12, 5, 5)), v[0])), [R(13, 5)]),
        new("sin-exp", v => F.Sum(F.Sin(F.Exp(v[0]) * 0.5)), [R(14, 6)]),
        new("exp-sin-times-cos", v => F.Sum(F.Exp(F.Sin(v[0])) * F.Cos(v[0])), [R(15, 6)]),
        new("logistic-loss", v => F.Mean(F.Log(1.0 + F.Exp(-(F.MatMul(new Variable(R(16, 8, 3)), v[0]) * new Variable(V(1, -1, 1, 1, -1, -1, 1, -1)))))), [R(17, 3)]),
        new("polynomial", v => F.Sum(v[0].Pow(3) - 2.0 * v[0].Pow(2) + v[0]), [R(18, 5)]),
        new("rational", v => F.Sum(v[0] / (1.0 + v[0] * v[0])), [R(19, 5)]),
        new("sqrt-norm", v => F.Sqrt(F.Sum(v[0] * v[0]) + 1.0), [R(20, 4)]),
        new("three-inputs", v => F.Sum(v[0] * v[1]) + F.Sum(F.Sin(v[1]) * v[2]) + F.Sum(F.Exp(v[2] * 0.3)), [R(21, 2, 3), R(22, 2, 3), R(23, 3)]),
        new("linear-mse", v => F.MeanSquaredError(F.MatMul(new Variable(R(24, 7, 3)), v[0]) + v[1], new Variable(R(25, 7))), [R(26, 3), R(27, 1)]),
        new("transpose-gram", v => F.Sum(F.MatMul(v[0].T, v[0]) * new Variable(R(28, 4, 4))) + F.Sum(v[0].Pow(4)) * 0.1, [R(29, 3, 4)]),
        new("tanh-chain", v => F.Sum(F.Tanh(F.Tanh(v[0]) * 2.0)), [R(30, 2, 3)]),
        new("sigmoid-weighted", v => F.Sum(F.Sigmoid(v[0]) * new Variable(R(31, 6))), [R(32, 6)]),
        new("trig", v => F.Sum(F.Tan(v[0] * 0.3) + F.Cos(v[0])), [R(33, 5)]),
        new("mean-of-axis-squared", v => F.Sum(F.Mean(v[0], 1).Pow(2)) + F.Sum(F.Sum(v[0], 0) * F.Sum(v[0], 0)), [R(34, 3, 4)]),
        new("reshape-log", v => F.Sum(F.Log(1.0 + v[0].Reshape(2, 6) * v[0].Reshape(2, 6))), [R(35, 3, 4)]),
    ];

    public static readonly DiffCase[] Vector =
    [
        new("softmax", v => F.Softmax(v[0]), [R(40, 2, 4)]),
        new("log-softmax", v => F.LogSoftmax(v[0]), [R(41, 3, 5)]),
        new("matmul-product", v => F.MatMul(v[0], v[1]), [R(42, 3, 4), R(43, 4, 2)]),
        new("broadcast-product", v => v[0] * v[1] + F.Sin(v[0]), [R(44, 3, 1), R(45, 4)]),
        new("field-r3", v => F.Stack([F.Sin(v[0][0] * v[0][1]), v[0][1] * v[0][1] + v[0][2], F.Exp(v[0][0]) * v[0][2]]), [V(0.3, -0.7, 1.1)]),
        new("polar", v => F.Stack([v[0][0] * F.Cos(v[0][1]), v[0][0] * F.Sin(v[0][1])]), [V(1.5, 0.4)]),
        new("elementwise-sin-exp", v => F.Sin(F.Exp(v[0])), [R(46, 6)]),
        new("mlp-logits", v => F.Linear(F.Tanh(F.Linear(new Variable(R(47, 5, 4)), v[0], v[1])), v[2]), [R(48, 4, 3), R(49, 3), R(50, 3, 2)]),
        new("wide-to-narrow", v => F.Sum(F.Tanh(v[0]), 1), [R(51, 2, 6)]),
        new("narrow-to-wide", v => F.Exp(F.MatMul(new Variable(R(52, 8, 2)), v[0])), [R(53, 2)]),
    ];

    public static IEnumerable<object[]> ScalarNames() => Scalar.Select(c => new object[] { c.Name });

    public static IEnumerable<object[]> VectorNames() => Vector.Select(c => new object[] { c.Name });

    public static DiffCase Find(string name) => Scalar.Concat(Vector).Single(c => c.Name == name);
}
