using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Examples.Vae;

/// <summary>
/// A variational autoencoder for 28×28 images flattened to 784 values in [0, 1]: the encoder maps an image to the
/// mean and log-variance of a Gaussian over the latent code, the decoder maps a code to 784 pixel logits.
/// </summary>
public sealed class VariationalAutoencoder : Model
{
    private const int Pixels = 28 * 28;

    private readonly Linear encoder;
    private readonly Linear mu;
    private readonly Linear logVar;
    private readonly Linear decoder;
    private readonly Linear output;

    public VariationalAutoencoder(int hiddenSize, int latentSize)
    {
        LatentSize = latentSize;
        encoder = new Linear(hiddenSize, inSize: Pixels);
        mu = new Linear(latentSize, inSize: hiddenSize);
        logVar = new Linear(latentSize, inSize: hiddenSize);
        decoder = new Linear(hiddenSize, inSize: latentSize);
        output = new Linear(Pixels, inSize: hiddenSize);
    }

    /// <summary>The size of the latent code.</summary>
    public int LatentSize { get; }

    /// <summary>The encoder: the mean and log-variance of q(z | x), each (N, latent).</summary>
    public (Variable Mu, Variable LogVar) Encode(Variable x)
    {
        var h = F.ReLU(encoder.Forward(x));
        return (mu.Forward(h), logVar.Forward(h));
    }

    /// <summary>The decoder: pixel logits (N, 784); the sigmoid of them is the image.</summary>
    public Variable Decode(Variable z) => output.Forward(F.ReLU(decoder.Forward(z)));

    /// <summary>The reconstruction of <paramref name="x"/> from the mean code, as logits.</summary>
    public override Variable Forward(Variable x) => Decode(Encode(x).Mu);

    /// <summary>
    /// The negative evidence lower bound per image: reconstruction cross-entropy summed over the pixels, plus the
    /// KL divergence of q(z | x) from the N(0, I) prior. The code is drawn by the reparameterisation
    /// z = μ + σ·ε with ε from <paramref name="gen"/>, so the gradient flows through μ and σ.
    /// </summary>
    public (Variable Loss, double Reconstruction, double Kl) Loss(Variable x, Generator gen)
    {
        var (m, lv) = Encode(x);
        // Drawn on the CPU (where generators draw) and moved, so every device sees the same noise.
        var eps = Tensor.Randn(gen, x.DType, m.Shape).To(x.Device);
        var z = m + F.Exp(lv * 0.5) * eps;
        // The mean over every pixel of every image, times the pixels of one image: the per-image sum, averaged.
        var reconstruction = F.SigmoidCrossEntropy(Decode(z), x) * Pixels;
        var kl = F.Sum(1.0 + lv - m * m - F.Exp(lv)) * (-0.5 / x.Shape[0]);
        return (reconstruction + kl, reconstruction.Data.Item(), kl.Data.Item());
    }

    /// <summary><paramref name="count"/> images decoded from codes drawn from the prior, (count, 784) in [0, 1], on the model's device.</summary>
    public Tensor Sample(int count, Generator gen)
    {
        using var noGrad = Config.NoGrad();
        return F.Sigmoid(Decode(new Variable(Tensor.Randn(gen, count, LatentSize).To(Device)))).Data;
    }
}
