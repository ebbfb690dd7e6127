using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Derivatives;

/// <summary>
/// Functions of one float64 input for <see cref="JacobianMode.BatchedReverse"/>: every op with a batch rule, with
/// broadcasting shapes and constants on either side, and ops that have none (they run entry by entry). All smooth at
/// their points, so that Richardson differences can referee.
/// </summary>
internal static class BatchCases
{
    private static Tensor R(int seed, params int[] shape) => DiffCases.R(seed, shape);

    private static Variable C(int seed, params int[] shape) => new(R(seed, shape));

    /// <summary>A constant that asks for no gradient, as a layer's wrapped input does.</summary>
    private static Variable Frozen(int seed, params int[] shape) => new(R(seed, shape)) { RequiresGrad = false };

    private static Tensor Positive(int seed, params int[] shape) => R(seed, shape).Abs() + 0.5;

    public static readonly (string Name, Func<Variable, Variable> F, Tensor X)[] All =
    [
        ("tanh", F.Tanh, R(1, 2, 3)),
        ("exp", F.Exp, R(2, 4)),
        ("log", F.Log, Positive(3, 2, 3)),
        ("sin-cos", x => F.Sin(x) * F.Cos(x * 2.0), R(4, 5)),
        ("tan", x => F.Tan(x * 0.3), R(5, 4)),
        ("sigmoid", F.Sigmoid, R(6, 3, 2)),
        ("sqrt", F.Sqrt, Positive(7, 5)),
        ("pow", x => x.Pow(3), R(8, 4)),
        ("abs-relu-leaky-clip", x => F.Abs(x) + F.ReLU(x) + F.LeakyReLU(x) + F.Clip(x, -0.5, 0.5), DiffCases.V(0.7, -0.3, 0.2, -0.8, 1.3, 0.35, -0.15)),
        ("neg", x => -x, R(10, 2, 2)),
        ("add-broadcast", x => (x + C(11, 4)) + (C(12, 2, 3, 1) + x), R(13, 3, 1)),
        ("sub-broadcast", x => (C(14, 2, 3, 4) - x) - (x - C(15, 4)), R(16, 4)),
        ("mul-broadcast", x => x * C(17, 2, 1, 4) * x, R(18, 3, 1)),
        ("div-broadcast", x => C(19, 3, 4) / x + x / new Variable(Positive(20, 3, 1)), Positive(21, 4)),
        ("power-base", x => F.Pow(x, C(22, 2, 3) * 0.5), Positive(23, 3)),
        ("power-exponent", x => F.Pow(new Variable(Positive(24, 2, 1)), x), R(25, 3)),
        ("self-broadcast", x => x * F.Transpose(x) + x, R(26, 3, 1)),
        ("matvec", x => F.Tanh(F.MatMul(C(27, 5, 7), x)), R(28, 7)),
        ("vecmat", x => F.MatMul(x, C(29, 4, 3)), R(30, 4)),
        ("matmul-left", x => F.MatMul(x, C(31, 4, 2)), R(32, 3, 4)),
        ("matmul-right", x => F.MatMul(C(33, 2, 3), x), R(34, 3, 4)),
        ("matmul-batched-left", x => F.MatMul(x, C(35, 4, 5)), R(36, 2, 3, 4)),
        ("matmul-batched-right", x => F.MatMul(C(37, 3, 4), x), R(38, 2, 4, 5)),
        ("matmul-batch-broadcast", x => F.MatMul(x, C(39, 2, 4, 3)), R(40, 1, 3, 4)),
        ("matmul-batched-both", x => F.MatMul(C(41, 1, 2, 3), x), R(96, 2, 3, 4)),
        ("gram", x => F.MatMul(x.T, x), R(42, 3, 2)),
        ("linear-x", x => F.Linear(x, C(43, 4, 3), C(44, 3)), R(45, 5, 4)),
        ("linear-w", x => F.Linear(C(46, 5, 4), x, C(47, 3)), R(48, 4, 3)),
        ("linear-b", x => F.Linear(C(49, 5, 4), C(50, 4, 3), x), R(51, 3)),
        ("linear-no-bias", x => F.Tanh(F.Linear(x, C(52, 3, 2))), R(53, 4, 3)),
        ("sum-all", x => F.Sum(x * x), R(54, 2, 3)),
        ("sum-axis", x => F.Sum(x * x, 1), R(55, 2, 3, 4)),
        ("sum-axes-kept", x => F.Sum(F.Sin(x), [0, -1], keepDims: true), R(56, 2, 3, 4)),
        ("mean", x => F.Mean(x, 0), R(57, 3, 2)),
        ("sum-to", x => F.SumTo(F.Exp(x), 3, 1), R(58, 2, 3, 4)),
        ("broadcast-to", x => F.BroadcastTo(x, 2, 3, 4) * C(59, 2, 3, 4), R(60, 3, 1)),
        ("reshape", x => F.Reshape(x, 3, 4) * C(61, 4), R(62, 2, 6)),
        ("transpose", x => F.Transpose(x) * C(63, 4, 3, 2), R(64, 2, 3, 4)),
        ("transpose-axes", x => F.Transpose(x, 1, 2, 0) * C(65, 3, 4, 2), R(66, 2, 3, 4)),
        ("swap-axes", x => F.Sin(F.SwapAxes(x, 0, 2)), R(67, 2, 3, 4)),
        ("concat", x => F.Concat([x, F.Sin(x), C(68, 1, 3)], 0), R(69, 2, 3)),
        ("concat-last", x => F.Concat([x * x, Frozen(70, 2, 2), x], -1), R(71, 2, 3)),
        ("stack", x => F.Stack([x, -x, F.Exp(x)], 1), R(72, 2, 3)),
        ("slices", x => F.Concat([x[1..3], x[new Slice(0, null, 2)]], 0), R(73, 4, 3)),
        ("slices-mixed", x => x[TensorIndex.Ellipsis, 1] * x[TensorIndex.NewAxis, 2, ..][0], R(74, 3, 3)),
        ("softmax", x => F.Softmax(x), R(75, 2, 4)),
        ("softmax-axis0", x => F.Softmax(x, 0), R(76, 3, 2)),
        ("softmax-last", x => F.Softmax(x, -1), R(77, 2, 3, 4)),
        ("log-softmax", x => F.LogSoftmax(x), R(78, 3, 5)),
        ("log-softmax-last", x => F.LogSoftmax(x, -1), R(79, 2, 2, 3)),
        ("log-sum-exp", x => F.LogSumExp(x), R(80, 2, 3)),
        ("log-sum-exp-axis", x => F.LogSumExp(x, 1), R(81, 2, 3, 4)),
        ("log-sum-exp-kept", x => F.LogSumExp(x, 0, keepDims: true), R(82, 3, 2)),
        ("mlp", x => F.Linear(F.Tanh(F.Linear(C(83, 5, 4), x, C(84, 3))), C(85, 3, 2)), R(86, 4, 3)),
        // No batch rule: these run their ordinary backward rule once per batch entry.
        ("index-array", x => x[new[] { 2, 0, 2 }] * 2.0, R(87, 3, 2)),
        ("index-array-after-slice", x => x[1.., new[] { 0, 0, 1 }], R(88, 3, 2)),
        ("max", x => F.Max(x, 1), R(89, 3, 4)),
        ("pad", x => F.Pad(F.Sin(x), [(1, 0), (0, 2)]), R(90, 2, 3)),
        ("mean-squared-error", x => F.MeanSquaredError(F.Tanh(x), C(91, 2, 3)), R(92, 2, 3)),
        ("softmax-cross-entropy", x => F.SoftmaxCrossEntropy(x, Tensor.FromArray(new long[] { 2, 0, 1, 1 })), R(93, 4, 3)),
        ("conv2d", x => F.Conv2d(x, C(94, 3, 2, 3, 3)), R(95, 1, 2, 4, 4)),
    ];

    public static IEnumerable<object[]> Names() => All.Select(c => new object[] { c.Name });

    public static (string Name, Func<Variable, Variable> F, Tensor X) Find(string name) => All.Single(c => c.Name == name);
}
