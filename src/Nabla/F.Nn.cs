using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Tensors;

namespace Nabla;

/// <summary>Losses, regularization and normalization for neural networks, as DeZero's functions.py.</summary>
public static partial class F
{
    /// <summary>
    /// Mean binary cross-entropy of scores x (logits, any shape) against targets t of the same shape
    /// (0/1 labels, integer or float, or soft targets in [0, 1]), computed stably; the gradient is (σ(x) - t)/n.
    /// </summary>
    public static Variable SigmoidCrossEntropy(Variable x, Variable t) => new SigmoidCrossEntropy().Call(x, t);

    /// <summary>Sigmoid cross-entropy against a label tensor.</summary>
    public static Variable SigmoidCrossEntropy(Variable x, Tensor t) => new SigmoidCrossEntropy().Call(x, new Variable(t));

    /// <summary>
    /// Mean binary cross-entropy of probabilities p in [0, 1] against targets t of the same shape
    /// (clamped to [ε, 1-ε], see <see cref="Functions.BinaryCrossEntropy"/>).
    /// </summary>
    public static Variable BinaryCrossEntropy(Variable p, Variable t) => new BinaryCrossEntropy().Call(p, t);

    /// <summary>Binary cross-entropy against a target tensor.</summary>
    public static Variable BinaryCrossEntropy(Variable p, Tensor t) => new BinaryCrossEntropy().Call(p, new Variable(t));

    /// <summary>
    /// Inverted dropout: in training each element is zeroed with probability <paramref name="ratio"/> and the rest
    /// scaled by 1/(1-ratio), the mask drawn from <paramref name="generator"/> (a shared default one when null,
    /// see <see cref="Functions.Dropout.SeedDefault"/>); in <see cref="Config.TestMode"/> x itself is returned.
    /// </summary>
    public static Variable Dropout(Variable x, double ratio = 0.5, Generator? generator = null)
    {
        var dropout = new Dropout(ratio, generator);
        return Config.Train ? dropout.Call(x) : x;
    }

    /// <summary>
    /// Batch normalization of x (N, C) or (N, C, H, W) with per-channel gamma and beta of length C; in training it
    /// uses the batch statistics and updates <paramref name="runningMean"/> and <paramref name="runningVar"/> in
    /// place, in test mode it uses them.
    /// </summary>
    public static Variable BatchNorm(Variable x, Variable gamma, Variable beta, Tensor runningMean, Tensor runningVar,
        double decay = 0.9, double eps = 2e-5) =>
        new BatchNorm(runningMean, runningVar, decay, eps).Call(x, gamma, beta);

    /// <summary>Rows of the embedding matrix W (V, D) at integer <paramref name="ids"/> of any shape: shape ids.shape + (D).</summary>
    public static Variable EmbedID(Variable w, Tensor ids) => new EmbedID(ids).Call(w);
}
