using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>
/// An Elman recurrent layer: h = tanh(x·Wx + bx + h·Wh). The hidden state is kept between calls (one
/// time step per call) until <see cref="ResetState"/>.
/// </summary>
public sealed class RNN : Layer
{
    private readonly Linear x2h;
    private readonly Linear h2h;

    /// <param name="hiddenSize">The size of the hidden state.</param>
    /// <param name="inSize">Input features, or null to infer them on the first call.</param>
    /// <param name="dtype">The parameters' dtype, Float32 or Float64.</param>
    /// <param name="gen">Where the initial weights come from (default <see cref="Init.Generator"/>).</param>
    public RNN(int hiddenSize, int? inSize = null, DType dtype = DType.Float32, Generator? gen = null)
    {
        x2h = new Linear(hiddenSize, inSize, dtype: dtype, gen: gen);
        h2h = new Linear(hiddenSize, hiddenSize, noBias: true, dtype: dtype, gen: gen);
    }

    /// <summary>The hidden state after the last call, or null after a reset.</summary>
    public Variable? H { get; private set; }

    /// <summary>Forgets the hidden state, so that the next call starts a new sequence.</summary>
    public void ResetState() => H = null;

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        var hNew = H is null ? F.Tanh(x2h.Call(x)) : F.Tanh(x2h.Call(x) + h2h.Call(H));
        H = hNew;
        TensorScope.Keep(hNew.Data); // the state outlives a TensorScope around the step that made it
        return hNew;
    }
}
