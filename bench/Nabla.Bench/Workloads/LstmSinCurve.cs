using Nabla.Autodiff;
using Nabla.Bench.Harness;
using Nabla.Bench.Training;
using Nabla.Data;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace Nabla.Bench.Workloads;

/// <summary>
/// W7: one epoch of the CLI's sin-curve model (LSTM(100) + Linear(1)) on the 1000-point noisy sine (999 steps),
/// truncated BPTT every 30 steps, Adam(1e-3), batch 1. TorchSharp: LSTMCell with Nabla's weights (gates reordered).
/// </summary>
internal sealed class LstmSinCurve(TorchMemory torchMemory = TorchMemory.Scope) : TrainingWorkload(torchMemory)
{
    private const int Hidden = 100, Bptt = 30;
    private const double Lr = 1e-3;

    public override string Id => "W7";
    public override string Name => "lstm-sincurve";
    public override int TestEpoch => 5;
    public override bool TestIsAccuracy => false;

    private static int Steps(RunSettings s) => s.Quick ? 120 : int.MaxValue;

    public override string Describe(RunSettings s) =>
        $"{(s.Quick ? "120 time steps" : "epoch of 999 time steps")}, BPTT {Bptt}; TorchSharp: {TorchMemoryPolicy.Describe(TorchMemory).Replace("per step", "per update (30 steps)")}";

    public override int Repetitions(RunSettings s) => s.Reps(8, 2);

    private static (Tensor X, Tensor T) Data(bool train)
    {
        var set = new SinCurve(train: train, seed: 0, dtype: DType.Float32);
        return (set.Data, set.Labels);
    }

    private static (LSTM Rnn, Nabla.NN.Linear Fc) NablaModel()
    {
        Init.Seed(0);
        var (rnn, fc) = (new LSTM(Hidden), new Nabla.NN.Linear(1));
        using (Config.NoGrad())
        {
            // Two steps: the first creates x2h, the second h2h (unused while the state is empty).
            fc.Forward(rnn.Forward(Tensor.Zeros(1, 1)));
            fc.Forward(rnn.Forward(Tensor.Zeros(1, 1)));
        }
        rnn.ResetState();
        return (rnn, fc);
    }

    public override ITrainer CreateNablaTrainer(RunSettings s)
    {
        var (rnn, fc) = NablaModel();
        return new NablaSinCurve(rnn, fc, new Adam(Lr), Data(true), Data(false), Bptt, Steps(s));
    }

    public override ITrainer CreateTorchTrainer(RunSettings s, TorchMemory memory)
    {
        var (rnn, nFc) = NablaModel();
        var cell = LSTMCell(1, Hidden);
        var fc = Linear(Hidden, 1);
        var (x2h, h2h) = NablaGates(rnn);
        // Nabla's gate blocks are (forget, input, output, update); PyTorch's rows are (input, forget, cell, output).
        TorchWeights.Copy(Reorder(x2h.W.Data, axis: 1), cell.weight_ih!, transpose: true);
        TorchWeights.Copy(Reorder(h2h.W.Data, axis: 1), cell.weight_hh!, transpose: true);
        TorchWeights.Copy(Reorder(x2h.b!.Data, axis: 0), cell.bias_ih!);
        using (torch.no_grad()) cell.bias_hh!.zero_();
        cell.bias_hh!.requires_grad_(false);
        TorchWeights.Copy(nFc.W.Data, fc.weight!, transpose: true);
        TorchWeights.Copy(nFc.b!.Data, fc.bias!);
        return new TorchSinCurve(cell, fc, Lr, ToTorch(Data(true)), ToTorch(Data(false)), Bptt, Steps(s), memory);
    }

    private static (torch.Tensor X, torch.Tensor T) ToTorch((Tensor X, Tensor T) set) => MnistData.ToTorch(set);

    /// <summary>The LSTM's input and recurrent linear layers, found by name among its children.</summary>
    private static (Nabla.NN.Linear X2h, Nabla.NN.Linear H2h) NablaGates(LSTM rnn)
    {
        var children = rnn.NamedChildren().ToDictionary(c => c.Name, c => (Nabla.NN.Linear)c.Layer);
        return (children["x2h"], children["h2h"]);
    }

    /// <summary>Blocks (f, i, o, u) of width hidden along <paramref name="axis"/> reordered to PyTorch's (i, f, g=u, o).</summary>
    private static Tensor Reorder(Tensor t, int axis)
    {
        var blocks = t.Split(4, axis);
        return Tensor.Concat([blocks[1], blocks[0], blocks[3], blocks[2]], axis);
    }
}
