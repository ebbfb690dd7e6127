using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Tensors;

namespace Nabla;

/// <summary>Losses, regularization and normalization for neural networks, as DeZero's functions.py.</summary>
public static partial class F
{
    /// <summary>
    /// Binary cross-entropy of scores x (logits, any shape) against targets t of the same shape
    /// (0/1 labels, integer or float, or soft targets in [0, 1]), computed stably; by default the mean over all
    /// elements (gradient (σ(x) - t)/n), else as <paramref name="reduction"/> says (DeZero's: BatchMean).
    /// A float target Variable that requires a gradient gets one.
    /// </summary>
    public static Variable SigmoidCrossEntropy(Variable x, Variable t, Reduction reduction = Reduction.Mean) =>
        new SigmoidCrossEntropy(reduction).Call(x, t);

    /// <summary>Sigmoid cross-entropy against a label tensor (a constant: it gets no gradient).</summary>
    public static Variable SigmoidCrossEntropy(Variable x, Tensor t, Reduction reduction = Reduction.Mean) =>
        new SigmoidCrossEntropy(reduction).Call(x, Constant(t));

    /// <summary>
    /// Binary cross-entropy of probabilities p in [0, 1] against targets t of the same shape (clamped to
    /// [ε, 1-ε], see <see cref="Functions.BinaryCrossEntropy"/>); by default the mean over all elements, else as
    /// <paramref name="reduction"/> says (DeZero's: BatchMean). A float target Variable that requires a gradient gets one.
    /// </summary>
    public static Variable BinaryCrossEntropy(Variable p, Variable t, Reduction reduction = Reduction.Mean) =>
        new BinaryCrossEntropy(reduction).Call(p, t);

    /// <summary>Binary cross-entropy against a target tensor (a constant: it gets no gradient).</summary>
    public static Variable BinaryCrossEntropy(Variable p, Tensor t, Reduction reduction = Reduction.Mean) =>
        new BinaryCrossEntropy(reduction).Call(p, Constant(t));

    /// <summary>A tensor as a graph input that asks for no gradient (labels, targets).</summary>
    private static Variable Constant(Tensor t) => new(t) { RequiresGrad = false };

    /// <summary>
    /// Inverted dropout: in training each element is zeroed with probability <paramref name="ratio"/> and the rest
    /// scaled by 1/(1-ratio), the mask drawn from <paramref name="generator"/> (a shared default one when null,
    /// see <see cref="DropoutFunction.SeedDefault"/>); in <see cref="Config.TestMode"/> x itself is returned.
    /// </summary>
    public static Variable Dropout(Variable x, double ratio = 0.5, Generator? generator = null)
    {
        var dropout = new DropoutFunction(ratio, generator);
        return Config.Train ? dropout.Call(x) : x;
    }

    /// <summary>
    /// Batch normalization of x (N, C) or (N, C, H, W) with per-channel gamma and beta of length C; in training it
    /// uses the batch statistics and updates <paramref name="runningMean"/> and <paramref name="runningVar"/> in
    /// place, in test mode it uses them.
    /// </summary>
    public static Variable BatchNorm(Variable x, Variable gamma, Variable beta, Tensor runningMean, Tensor runningVar,
        double decay = 0.9, double eps = 2e-5) =>
        new BatchNormFunction(runningMean, runningVar, decay, eps).Call(x, gamma, beta);

    /// <summary>Rows of the embedding matrix W (V, D) at integer <paramref name="ids"/> of any shape: shape ids.shape + (D).</summary>
    public static Variable EmbedID(Variable w, Tensor ids) => new EmbedIDFunction(ids).Call(w);
}
