namespace Nabla.IO;

/// <summary>
/// How a checkpoint names (and lays out) a model's tensors; docs/CHECKPOINTS.md gives the mapping per layer.
/// </summary>
public enum WeightNaming
{
    /// <summary>Nabla's own: member names joined by '.', as <c>l0.W</c>, <c>0.avg_mean</c>; Linear's W is (in, out).</summary>
    Nabla,

    /// <summary>
    /// PyTorch's <c>state_dict</c>: <c>weight</c>/<c>bias</c>, <c>running_mean</c>/<c>running_var</c>/<c>num_batches_tracked</c>,
    /// Linear's weight (out, in), an MLP as <c>nn.Sequential</c> (Linears at 0, 2, 4, ...), LSTM as <c>nn.LSTM</c>'s
    /// <c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c> (gates i, f, g, o).
    /// </summary>
    PyTorch,

    /// <summary>
    /// DeZero's <c>save_weights</c>: member names joined by '/', as <c>l0/W</c>; Linear's W is (in, out); LSTM as its
    /// eight Linears <c>x2f</c>, <c>x2i</c>, <c>x2o</c>, <c>x2u</c> (with bias) and <c>h2f</c>, ... (without).
    /// </summary>
    DeZero,
}
