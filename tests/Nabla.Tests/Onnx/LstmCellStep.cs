using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Tests.Onnx;

/// <summary>One LSTM step from a learned initial state, written with per-gate Linear layers (no slicing).</summary>
internal sealed class LstmCellStep : Model
{
    private readonly Linear[] x2h;
    private readonly Linear[] h2h;
    private readonly Parameter h0, c0;

    public LstmCellStep(int inSize, int hidden, Generator gen)
    {
        x2h = Enumerable.Range(0, 4).Select(_ => new Linear(hidden, inSize, gen: gen)).ToArray();
        h2h = Enumerable.Range(0, 4).Select(_ => new Linear(hidden, hidden, noBias: true, gen: gen)).ToArray();
        h0 = new Parameter(Tensor.Randn(gen, 1, hidden), "h0");
        c0 = new Parameter(Tensor.Randn(gen, 1, hidden), "c0");
    }

    public override Variable Forward(Variable x)
    {
        Variable Gate(int k) => x2h[k].Forward(x) + h2h[k].Forward(h0);
        var (f, i, o, u) = (F.Sigmoid(Gate(0)), F.Sigmoid(Gate(1)), F.Sigmoid(Gate(2)), F.Tanh(Gate(3)));
        var c = f * c0 + i * u;
        return o * F.Tanh(c);
    }
}
