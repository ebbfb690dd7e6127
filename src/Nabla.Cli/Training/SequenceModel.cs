using Nabla.Autodiff;
using Nabla.NN;

namespace Nabla.Cli.Training;

/// <summary>DeZero's "BetterRNN" for the sin curve: an LSTM and a linear read-out, one time step per call.</summary>
public sealed class SequenceModel(int hiddenSize, int outSize) : Model
{
    private readonly LSTM rnn = new(hiddenSize);
    private readonly Linear fc = new(outSize);

    public void ResetState() => rnn.ResetState();

    public override Variable Forward(Variable x) => fc.Forward(rnn.Forward(x));
}
