using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>
/// Batch normalisation over all axes but the channel axis (1): batch statistics in training, running
/// averages in <see cref="Config.TestMode"/>. gamma, beta and the running statistics are created on the
/// first call from the input's channel count and dtype. The running statistics are saved with the weights.
/// </summary>
public sealed class BatchNorm(double decay = 0.9, double eps = 2e-5) : Layer
{
    /// <summary>The learnt scale, one per channel (ones on the first call; empty before).</summary>
    public Parameter gamma { get; } = new(Tensor.Zeros(DType.Float32, 0), "gamma");
    /// <summary>The learnt shift, one per channel (zeros on the first call; empty before).</summary>
    public Parameter beta { get; } = new(Tensor.Zeros(DType.Float32, 0), "beta");

    /// <summary>Running mean (not trained; a parameter so that it is saved and loaded with the model).</summary>
    public Parameter avg_mean { get; } = new(Tensor.Zeros(DType.Float32, 0), "avg_mean");

    /// <summary>Running variance.</summary>
    public Parameter avg_var { get; } = new(Tensor.Zeros(DType.Float32, 0), "avg_var");

    /// <summary>The running averages' momentum: avg ← decay·avg + (1 − decay)·batch statistic (0.9 by default).</summary>
    public double Decay { get; } = decay;
    /// <summary>Added to the variance before the square root, for stability (2e-5 by default).</summary>
    public double Eps { get; } = eps;

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        if (x.NDim < 2) throw new ArgumentException($"BatchNorm: input of shape ({string.Join(",", x.Shape)}) needs a channel axis (N, C, ...)");
        if (gamma.Size == 0)
        {
            int c = x.Shape[1];
            var device = x.Data.Device;
            gamma.Data = Tensor.Ones(x.DType, c).To(device);
            beta.Data = Tensor.Zeros(x.DType, c).To(device);
            avg_mean.Data = Tensor.Zeros(x.DType, c).To(device);
            avg_var.Data = Tensor.Ones(x.DType, c).To(device);
        }
        return F.BatchNorm(x, gamma, beta, avg_mean.Data, avg_var.Data, Decay, Eps);
    }
}
