using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Tensors;
using NF = Nabla.F;

namespace Nabla.DeZero;

/// <summary>
/// DeZero's <c>dezero.functions</c> with DeZero's names, argument orders and defaults exactly, so that the book's code
/// ports line by line: <c>using F = Nabla.DeZero.F;</c> (or <c>using static Nabla.DeZero.F;</c>). Every function is a thin
/// wrapper over the same <see cref="Function"/>s as <see cref="Nabla.F"/>; only the defaults differ: losses divide
/// their sum by the batch size (<see cref="Reduction.BatchMean"/>, DeZero's <c>len(x)</c>), pooling has stride 1 and
/// max pooling pads with zeros, <see cref="EmbedID(Tensor, Variable)"/> takes the ids first.
/// </summary>
public static class F
{
    /// <summary>DeZero's <c>sin</c>.</summary>
    public static Variable Sin(Variable x) => NF.Sin(x);

    /// <summary>DeZero's <c>cos</c>.</summary>
    public static Variable Cos(Variable x) => NF.Cos(x);

    /// <summary>DeZero's <c>tanh</c>.</summary>
    public static Variable Tanh(Variable x) => NF.Tanh(x);

    /// <summary>DeZero's <c>exp</c>.</summary>
    public static Variable Exp(Variable x) => NF.Exp(x);

    /// <summary>DeZero's <c>log</c>.</summary>
    public static Variable Log(Variable x) => NF.Log(x);

    /// <summary>DeZero's <c>pow</c> (<c>x ** c</c>).</summary>
    public static Variable Pow(Variable x, double c) => NF.Pow(x, c);

    /// <summary>DeZero's <c>reshape(x, shape)</c>.</summary>
    public static Variable Reshape(Variable x, params int[] shape) => NF.Reshape(x, shape);

    /// <summary>DeZero's <c>transpose(x, axes=None)</c>.</summary>
    public static Variable Transpose(Variable x, params int[] axes) => NF.Transpose(x, axes);

    /// <summary>DeZero's <c>get_item(x, slices)</c>.</summary>
    public static Variable GetItem(Variable x, params TensorIndex[] slices) => NF.GetItem(x, slices);

    /// <summary>DeZero's <c>expand_dims(x, axis)</c>.</summary>
    public static Variable ExpandDims(Variable x, int axis) => NF.ExpandDims(x, axis);

    /// <summary>DeZero's <c>flatten(x)</c>: (N, ...) to (N, rest).</summary>
    public static Variable Flatten(Variable x) => NF.Flatten(x);

    /// <summary>DeZero's <c>sum(x, axis=None, keepdims=False)</c>.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static Variable Sum(Variable x, int? axis = null, bool keepdims = false) => NF.Sum(x, axis, keepdims);

    /// <summary>DeZero's <c>sum</c> over a tuple of axes.</summary>
    public static Variable Sum(Variable x, int[]? axis, bool keepdims = false) => NF.Sum(x, axis, keepdims);

    /// <summary>DeZero's <c>sum_to(x, shape)</c>.</summary>
    public static Variable SumTo(Variable x, params int[] shape) => NF.SumTo(x, shape);

    /// <summary>DeZero's <c>broadcast_to(x, shape)</c>.</summary>
    public static Variable BroadcastTo(Variable x, params int[] shape) => NF.BroadcastTo(x, shape);

    /// <summary>DeZero's <c>average(x, axis=None, keepdims=False)</c>.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static Variable Average(Variable x, int? axis = null, bool keepdims = false) => NF.Mean(x, axis, keepdims);

    /// <summary>DeZero's <c>average</c> over a tuple of axes.</summary>
    public static Variable Average(Variable x, int[]? axis, bool keepdims = false) => NF.Mean(x, axis, keepdims);

    /// <summary>DeZero's <c>mean</c> (= <c>average</c>).</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static Variable Mean(Variable x, int? axis = null, bool keepdims = false) => NF.Mean(x, axis, keepdims);

    /// <summary>DeZero's <c>mean</c> over a tuple of axes.</summary>
    public static Variable Mean(Variable x, int[]? axis, bool keepdims = false) => NF.Mean(x, axis, keepdims);

    /// <summary>DeZero's <c>matmul(x, W)</c>.</summary>
    public static Variable MatMul(Variable x, Variable W) => NF.MatMul(x, W);

    /// <summary>DeZero's <c>linear(x, W, b=None)</c>.</summary>
    public static Variable Linear(Variable x, Variable W, Variable? b = null) => NF.Linear(x, W, b);

    /// <summary>DeZero's <c>sigmoid</c>.</summary>
    public static Variable Sigmoid(Variable x) => NF.Sigmoid(x);

    /// <summary>DeZero's <c>relu</c>.</summary>
    public static Variable ReLU(Variable x) => NF.ReLU(x);

    /// <summary>DeZero's <c>softmax(x, axis=1)</c>.</summary>
    public static Variable Softmax(Variable x, int axis = 1) => NF.Softmax(x, axis);

    /// <summary>DeZero's <c>log_softmax(x, axis=1)</c>.</summary>
    public static Variable LogSoftmax(Variable x, int axis = 1) => NF.LogSoftmax(x, axis);

    /// <summary>DeZero's <c>leaky_relu(x, slope=0.2)</c>.</summary>
    public static Variable LeakyReLU(Variable x, double slope = 0.2) => NF.LeakyReLU(x, slope);

    /// <summary>DeZero's <c>mean_squared_error(x0, x1)</c>: sum((x0 − x1)²) / len(x0 − x1), the batch size.</summary>
    public static Variable MeanSquaredError(Variable x0, Variable x1) => NF.MeanSquaredError(x0, x1, Reduction.BatchMean);

    /// <summary>DeZero's <c>softmax_cross_entropy(x, t)</c>: the mean over the batch (as Nabla's).</summary>
    public static Variable SoftmaxCrossEntropy(Variable x, Variable t) => NF.SoftmaxCrossEntropy(x, t);

    /// <summary>DeZero's <c>softmax_cross_entropy</c> against a label tensor.</summary>
    public static Variable SoftmaxCrossEntropy(Variable x, Tensor t) => NF.SoftmaxCrossEntropy(x, t);

    /// <summary>
    /// DeZero's <c>sigmoid_cross_entropy(x, t)</c>: the sum over all elements divided by len(x); t is reshaped to x's
    /// shape when their numbers of axes differ. Computed stably (DeZero's clipped log gives NaN past |x| ≈ 37).
    /// </summary>
    public static Variable SigmoidCrossEntropy(Variable x, Variable t) =>
        NF.SigmoidCrossEntropy(x, t.NDim != x.NDim ? NF.Reshape(t, x.Shape) : t, Reduction.BatchMean);

    /// <summary>DeZero's <c>sigmoid_cross_entropy</c> against a label tensor.</summary>
    public static Variable SigmoidCrossEntropy(Variable x, Tensor t) => SigmoidCrossEntropy(x, new Variable(t));

    /// <summary>
    /// DeZero's <c>binary_cross_entropy(p, t)</c>: p clipped to [1e-15, 0.999] first (DeZero's clip, no gradient
    /// outside it), the sum divided by len(t); t is reshaped to p's shape when their numbers of axes differ.
    /// </summary>
    public static Variable BinaryCrossEntropy(Variable p, Variable t) =>
        NF.BinaryCrossEntropy(NF.Clip(p, 1e-15, 0.999), t.NDim != p.NDim ? NF.Reshape(t, p.Shape) : t, Reduction.BatchMean);

    /// <summary>DeZero's <c>binary_cross_entropy</c> against a target tensor.</summary>
    public static Variable BinaryCrossEntropy(Variable p, Tensor t) => BinaryCrossEntropy(p, new Variable(t));

    /// <summary>DeZero's <c>accuracy(y, t)</c>.</summary>
    public static Variable Accuracy(Variable y, Tensor t) => NF.Accuracy(y, t);

    /// <summary>DeZero's <c>dropout(x, dropout_ratio=0.5)</c>.</summary>
    public static Variable Dropout(Variable x, double dropoutRatio = 0.5) => NF.Dropout(x, dropoutRatio);

    /// <summary>DeZero's <c>batch_nrom</c> (sic) / <c>batch_norm(x, gamma, beta, mean, var, decay=0.9, eps=2e-5)</c>.</summary>
    public static Variable BatchNorm(Variable x, Variable gamma, Variable beta, Tensor mean, Tensor var, double decay = 0.9, double eps = 2e-5) =>
        NF.BatchNorm(x, gamma, beta, mean, var, decay, eps);

    /// <summary>DeZero's <c>embed_id(x, W)</c>: the rows of W at the integer ids x (ids first, unlike <see cref="Nabla.F.EmbedID"/>).</summary>
    public static Variable EmbedID(Tensor x, Variable W) => NF.EmbedID(W, x);

    /// <summary>DeZero's <c>embed_id</c> with the ids in a variable.</summary>
    public static Variable EmbedID(Variable x, Variable W) => NF.EmbedID(W, x.Data);

    /// <summary>DeZero's <c>max(x, axis=None, keepdims=False)</c>.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static Variable Max(Variable x, int? axis = null, bool keepdims = false) => NF.Max(x, axis, keepdims);

    /// <summary>DeZero's <c>max</c> over a tuple of axes.</summary>
    public static Variable Max(Variable x, int[]? axis, bool keepdims = false) => NF.Max(x, axis, keepdims);

    /// <summary>DeZero's <c>min(x, axis=None, keepdims=False)</c>.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static Variable Min(Variable x, int? axis = null, bool keepdims = false) => NF.Min(x, axis, keepdims);

    /// <summary>DeZero's <c>min</c> over a tuple of axes.</summary>
    public static Variable Min(Variable x, int[]? axis, bool keepdims = false) => NF.Min(x, axis, keepdims);

    /// <summary>DeZero's <c>clip(x, x_min, x_max)</c>.</summary>
    public static Variable Clip(Variable x, double xMin, double xMax) => NF.Clip(x, xMin, xMax);

    /// <summary>DeZero's <c>conv2d(x, W, b=None, stride=1, pad=0)</c>.</summary>
    public static Variable Conv2d(Variable x, Variable W, Variable? b = null, int stride = 1, int pad = 0) => NF.Conv2d(x, W, b, stride, pad);

    /// <summary>DeZero's <c>conv2d</c> with (H, W) pairs.</summary>
    public static Variable Conv2d(Variable x, Variable W, Variable? b, Pair stride, Pair pad) => NF.Conv2d(x, W, b, stride, pad);

    /// <summary>DeZero's <c>deconv2d(x, W, b=None, stride=1, pad=0, outsize=None)</c>.</summary>
    public static Variable Deconv2d(Variable x, Variable W, Variable? b = null, int stride = 1, int pad = 0, Pair? outsize = null) =>
        NF.Deconv2d(x, W, b, stride, pad, outsize);

    /// <summary>
    /// DeZero's <c>pooling(x, kernel_size, stride=1, pad=0)</c>: max pooling with stride 1 by default, the padding
    /// filled with zeros (DeZero's im2col pads with zeros).
    /// </summary>
    public static Variable Pooling(Variable x, Pair kernelSize, int stride = 1, int pad = 0) =>
        NF.Pooling(x, kernelSize, stride, pad, padValue: 0);

    /// <summary>DeZero's <c>pooling</c> with (H, W) pairs for the stride and padding.</summary>
    public static Variable Pooling(Variable x, Pair kernelSize, Pair stride, Pair pad) => NF.Pooling(x, kernelSize, stride, pad, padValue: 0);

    /// <summary>DeZero's <c>average_pooling(x, kernel_size, stride=1, pad=0)</c>, the zero padding counted.</summary>
    public static Variable AveragePooling(Variable x, Pair kernelSize, int stride = 1, int pad = 0) => NF.AveragePooling(x, kernelSize, stride, pad);

    /// <summary>DeZero's <c>im2col(x, kernel_size, stride=1, pad=0, to_matrix=True)</c>.</summary>
    public static Variable Im2col(Variable x, Pair kernelSize, int stride = 1, int pad = 0, bool toMatrix = true) =>
        NF.Im2Col(x, kernelSize, stride, pad, toMatrix);

    /// <summary>DeZero's <c>col2im(x, input_shape, kernel_size, stride=1, pad=0, to_matrix=True)</c>.</summary>
    public static Variable Col2im(Variable x, int[] inputShape, Pair kernelSize, int stride = 1, int pad = 0, bool toMatrix = true) =>
        NF.Col2Im(x, inputShape, kernelSize, stride, pad, toMatrix);
}
