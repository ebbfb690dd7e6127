using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>
/// A long short-term memory layer, one time step per call, state kept until <see cref="ResetState"/>.
/// The four gates (forget, input, output, update) share one input and one recurrent matrix of width
/// 4·hidden, so a step costs two matrix products instead of eight.
/// </summary>
public sealed class LSTM : Layer
{
    private readonly Linear x2h;
    private readonly Linear h2h;

    /// <param name="hiddenSize">The size of the hidden and cell states, positive.</param>
    /// <param name="inSize">Input features, or null to infer them on the first call.</param>
    /// <param name="dtype">The parameters' dtype, Float32 or Float64.</param>
    /// <param name="gen">Where the initial weights come from (default <see cref="Init.Generator"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hiddenSize"/> is not positive.</exception>
    public LSTM(int hiddenSize, int? inSize = null, DType dtype = DType.Float32, Generator? gen = null)
    {
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "LSTM: the hidden size must be positive");
        HiddenSize = hiddenSize;
        x2h = new Linear(4 * hiddenSize, inSize, dtype: dtype, gen: gen);
        h2h = new Linear(4 * hiddenSize, hiddenSize, noBias: true, dtype: dtype, gen: gen);
    }

    /// <summary>The size of the hidden and cell states.</summary>
    public int HiddenSize { get; }

    /// <summary>The hidden state after the last call, or null after a reset.</summary>
    public Variable? H { get; private set; }

    /// <summary>The cell state after the last call, or null after a reset.</summary>
    public Variable? C { get; private set; }

    /// <summary>Forgets the hidden and cell states, so that the next call starts a new sequence.</summary>
    public void ResetState() => (H, C) = (null, null);

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        var z = H is null ? x2h.Call(x) : x2h.Call(x) + h2h.Call(H);
        var f = F.Sigmoid(Gate(z, 0));
        var i = F.Sigmoid(Gate(z, 1));
        var o = F.Sigmoid(Gate(z, 2));
        var u = F.Tanh(Gate(z, 3));
        C = C is null ? i * u : f * C + i * u;
        H = o * F.Tanh(C);
        // The states outlive a TensorScope around the step that made them.
        TensorScope.Keep(C.Data);
        TensorScope.Keep(H.Data);
        return H;
    }

    private Variable Gate(Variable z, int k) =>
        F.GetItem(z, Slice.All, new Slice(k * HiddenSize, (k + 1) * HiddenSize));
}
