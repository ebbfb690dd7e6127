using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Batch normalization of x (N, C) or (N, C, H, W) (any (N, C, ...)) over every axis but the channel axis 1,
/// then gamma·x̂ + beta with gamma and beta of length C. In training (<see cref="Config.Train"/>) x̂ uses the
/// batch mean and biased variance, and the running statistics are updated in place as in DeZero:
/// running = decay·running + (1-decay)·batch, with the unbiased variance (m/(m-1)) for the running variance.
/// In test mode x̂ uses the running statistics, which makes the function an affine map of x.
/// The running tensors are not inputs: they get no gradient.
/// </summary>
public sealed class BatchNormFunction : Function
{
    /// <summary>"BatchNorm": messages and graph drawings name the op without the suffix that tells it from the layer NN.BatchNorm.</summary>
    public override string Name => "BatchNorm";

    private bool trained;
    // The statistics Forward used (the running ones copied, as later training calls overwrite them in place).
    private Tensor? mean, invStd;

    /// <summary>A batch normalization that reads and (in training) updates the given running statistics of shape (C,).</summary>
    public BatchNormFunction(Tensor runningMean, Tensor runningVar, double decay = 0.9, double eps = 2e-5)
    {
        ArgumentNullException.ThrowIfNull(runningMean);
        ArgumentNullException.ThrowIfNull(runningVar);
        if (!(decay >= 0 && decay <= 1)) throw new ArgumentException($"BatchNorm: decay {decay} is outside [0, 1]", nameof(decay));
        if (!(eps > 0)) throw new ArgumentException($"BatchNorm: eps {eps} must be positive", nameof(eps));
        (RunningMean, RunningVar, Decay, Eps) = (runningMean, runningVar, decay, eps);
    }

    /// <summary>The running mean, updated in place by each training call.</summary>
    public Tensor RunningMean { get; }

    /// <summary>The running (unbiased) variance, updated in place by each training call.</summary>
    public Tensor RunningVar { get; }

    /// <summary>The weight of the old running value in each update.</summary>
    public double Decay { get; }

    /// <summary>Added to the variance before the square root, so a constant channel does not divide by zero.</summary>
    public double Eps { get; }

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var (x, gamma, beta) = (xs[0], xs[1], xs[2]);
        Check(x, gamma, beta);
        var axes = Axes(x.NDim);
        var kept = Kept(x);
        trained = Config.Train;
        Tensor xhat;
        if (trained)
        {
            Tensor variance;
            (mean, variance, invStd, xhat) = Normalization.BatchStatistics<Tensor, Normalization.OnTensors>(x, axes, Eps);
            UpdateRunning(mean, variance, x.Size / x.Dim(1));
        }
        else
        {
            mean = RunningMean.AsType(x.DType).Reshape(kept).Copy();
            invStd = Normalization.OnTensors.InverseSqrt(RunningVar.AsType(x.DType).Reshape(kept), Eps);
            xhat = Normalization.Normalize<Tensor, Normalization.OnTensors>(x, mean, invStd);
        }
        return [gamma.Reshape(kept) * xhat + beta.Reshape(kept)];
    }

    private void UpdateRunning(Tensor batchMean, Tensor batchVar, int m)
    {
        int c = RunningMean.Size;
        RunningMean.Assign(RunningMean * Decay + batchMean.Reshape(c).AsType(RunningMean.DType) * (1 - Decay));
        var unbiased = batchVar.Reshape(c) * ((double)m / (m - 1));
        RunningVar.Assign(RunningVar * Decay + unbiased.AsType(RunningVar.DType) * (1 - Decay));
    }

    private void Check(Tensor x, Tensor gamma, Tensor beta)
    {
        if (x.NDim < 2)
            throw new ArgumentException($"BatchNorm: input of shape {x.ShapeString} needs at least 2 dimensions (N,C) or (N,C,H,W)");
        if (!x.DType.IsFloat())
            throw new ArgumentException($"BatchNorm: needs a float input, got dtype {x.DType.Name()}");
        int c = x.Dim(1);
        foreach (var (name, t) in new[] { ("gamma", gamma), ("beta", beta), ("running mean", RunningMean), ("running variance", RunningVar) })
            if (t.NDim != 1 || t.Dim(0) != c)
                throw new ArgumentException($"BatchNorm: {name} of shape {t.ShapeString} does not match {c} channels of input {x.ShapeString} (need ({c},))");
        if (Config.Train && x.Size / Math.Max(c, 1) < 2)
            throw new ArgumentException($"BatchNorm: training needs more than one value per channel, got input of shape {x.ShapeString}");
    }

    /// <summary>Every axis but the channel axis 1: the axes the statistics are taken over.</summary>
    private static int[] Axes(int ndim) => [0, .. Enumerable.Range(2, ndim - 2)];

    /// <summary>(1, C, 1, ...): the shape per-channel values take to broadcast against x.</summary>
    private static int[] Kept(Tensor x)
    {
        var kept = Enumerable.Repeat(1, x.NDim).ToArray();
        kept[1] = x.Dim(1);
        return kept;
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (x, gamma, gy) = (Inputs[0], Inputs[1], gys[0]);
        var axes = Axes(x.NDim);
        var g = F.Reshape(gamma, Kept(x.Data));
        // x̂ is rebuilt from x with F operations (not taken from Forward) so that its dependence on x is recorded
        // when the backward pass is differentiated again.
        Variable xhat, inv;
        if (trained)
            (_, _, inv, xhat) = Normalization.BatchStatistics<Variable, Normalization.OnVariables>(x, axes, Eps);
        else
        {
            inv = new Variable(invStd!);
            xhat = Normalization.Normalize<Variable, Normalization.OnVariables>(x, new Variable(mean!), inv);
        }
        var ggamma = F.Sum(gy * xhat, axes);
        var gbeta = F.Sum(gy, axes);
        var gx = trained ? Normalization.Project<Variable, Normalization.OnVariables>(gy, xhat, inv, axes) : gy * inv;
        return [g * gx, ggamma, gbeta];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var (x, tx, tgamma, tbeta) = (xs[0], txs[0], txs[1], txs[2]);
        var kept = Kept(x);
        var xhat = Normalization.Normalize<Tensor, Normalization.OnTensors>(x, mean!, invStd!);
        // In training the mean and variance move with x, and ∂x̂/∂x is Normalization.Project.
        var txhat = trained ? Normalization.Project<Tensor, Normalization.OnTensors>(tx, xhat, invStd!, Axes(x.NDim)) : tx * invStd!;
        return [xs[1].Reshape(kept) * txhat + tgamma.Reshape(kept) * xhat + tbeta.Reshape(kept)];
    }
}
