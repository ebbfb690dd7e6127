using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Mean over the batch of -log softmax(x)[t] for scores x of shape (N, C) and integer labels t of shape (N,);
/// the gradient is (softmax(x) - onehot(t)) / N. Labels get no gradient. The mean of an empty batch is NaN, as in
/// PyTorch and NumPy: 0/0, not a loss of 0 that would look like a perfect fit.
/// </summary>
public sealed class SoftmaxCrossEntropy : Function
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var (x, t) = (xs[0], xs[1]);
        var labels = CheckLabels(x, t);
        var logp = x - LogSumExp.Compute(x, 1, keepDims: true);
        var picked = logp.Reshape(-1).Take(Tensor.FromArray(labels.Select((c, i) => (long)i * x.Dim(1) + c).ToArray()));
        return [-(picked.Sum() / (double)x.Dim(0))];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0];
        int n = x.Shape[0];
        return [Slope(x, Inputs[1].Data) * F.BroadcastTo(gys[0] / (double)Math.Max(n, 1), x.Shape), null];
    }

    /// <summary>
    /// softmax(x) − onehot(t): N times the derivative of the mean loss in x, the one statement of it, on Variables for
    /// the backward rule and evaluated without a graph for the JVP.
    /// </summary>
    private static Variable Slope(Variable x, Tensor labels) =>
        F.Softmax(x, 1) - OneHot(labels, x.Shape[0], x.Shape[1], x.DType, x.Data.Device);

    /// <summary>Made on the host and moved in one copy: the labels are read there anyway.</summary>
    private static Tensor OneHot(Tensor labels, int n, int classes, DType dtype, Device device)
    {
        var onehot = Tensor.Zeros(dtype, n, classes);
        var values = labels.AsType(DType.Int64).ToArray<long>();
        for (int i = 0; i < n; i++) onehot.SetDouble(1.0, i, (int)values[i]);
        return onehot.To(device);
    }

    private static long[] CheckLabels(Tensor x, Tensor t)
    {
        if (x.NDim != 2) throw new ArgumentException($"SoftmaxCrossEntropy: scores must have shape (N, C), got ({string.Join(",", x.Shape)})");
        if (!t.DType.IsInteger()) throw new ArgumentException($"SoftmaxCrossEntropy: labels must be integers, got dtype {t.DType.Name()}");
        if (t.NDim != 1 || t.Dim(0) != x.Dim(0))
            throw new ArgumentException($"SoftmaxCrossEntropy: labels of shape ({string.Join(",", t.Shape)}) do not match {x.Dim(0)} rows of scores");
        var labels = t.AsType(DType.Int64).ToArray<long>();
        foreach (long label in labels)
            if (label < 0 || label >= x.Dim(1))
                throw new ArgumentException($"SoftmaxCrossEntropy: label {label} is out of range for {x.Dim(1)} classes");
        return labels;
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var x = xs[0];
        using var noGraph = Config.NoGrad();
        return [(Slope(new Variable(x), xs[1]).Data * txs[0]).Sum() / (double)x.Dim(0)];
    }
}
