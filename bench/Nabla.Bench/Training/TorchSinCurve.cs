using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nabla.Bench.Training;

/// <summary>
/// TorchSharp's side of W7: <c>LSTMCell</c> + <c>Linear</c>, one step per call, <c>mse_loss</c> summed over
/// <c>bptt</c> steps, backward, Adam, then the state detached (truncated BPTT). The cell's <c>bias_hh</c> is zero
/// and frozen, because Nabla's LSTM has one bias per gate (on the input side), not two.
/// </summary>
internal sealed class TorchSinCurve : ITrainer
{
    private readonly LSTMCell cell;
    private readonly TorchSharp.Modules.Linear fc;
    private readonly optim.Optimizer optimizer;
    private readonly Tensor xTrain, tTrain, xTest, tTest;
    private readonly int bptt;
    private readonly TorchMemory memory;

    public TorchSinCurve(LSTMCell cell, TorchSharp.Modules.Linear fc, double lr, (Tensor X, Tensor T) train, (Tensor X, Tensor T) test,
        int bptt, int steps, TorchMemory memory)
    {
        (this.cell, this.fc, this.bptt, this.memory) = (cell, fc, bptt, memory);
        Parameter[] trained = [cell.weight_ih!, cell.weight_hh!, cell.bias_ih!, fc.weight!, fc.bias!];
        optimizer = optim.Adam(trained, lr: lr);
        (xTrain, tTrain, xTest, tTest) = (train.X, train.T, test.X, test.T);
        StepsPerEpoch = (int)Math.Min(steps, xTrain.shape[0]);
    }

    public int StepsPerEpoch { get; }

    public EpochStats TrainEpoch(Phases? phases = null)
    {
        int n = StepsPerEpoch, count = 0;
        double lossSum = 0;
        // The epoch's scope owns the detached states carried from one window to the next.
        using var epochScope = memory == TorchMemory.Scope ? torch.NewDisposeScope() : null;
        // Zeros, as Nabla's empty state computes (TorchSharp 0.107's LSTMCell rejects a missing state for 2-D input).
        (Tensor H, Tensor C) state = (torch.zeros(1, cell.weight_hh!.shape[1]), torch.zeros(1, cell.weight_hh!.shape[1]));
        Tensor? loss = null;
        var window = TorchMemoryPolicy.StepScope(memory);
        phases?.Begin();
        var timer = Harness.Timer.Start();
        for (int i = 0; i < n; i++)
        {
            phases?.Mark("forward (LSTM step, linear, MSE)");
            var (h, c) = cell.forward(xTrain.narrow(0, i, 1), state);
            state = (h, c);
            var step = functional.mse_loss(fc.forward(h), tTrain.narrow(0, i, 1));
            loss = loss is null ? step : loss + step;
            count++;
            if (count % bptt != 0 && i != n - 1) continue;
            phases?.Mark("backward (30 steps)");
            optimizer.zero_grad();
            loss.backward();
            phases?.Mark("unchain");
            state = memory == TorchMemory.Scope
                ? (h.detach().MoveToOuterDisposeScope(), c.detach().MoveToOuterDisposeScope())
                : (h.detach(), c.detach());
            phases?.Mark("optimizer (Adam)");
            optimizer.step();
            phases?.Mark("loss readout");
            lossSum += loss.item<float>();
            loss = null;
            phases?.Mark("scope dispose / GC.Collect");
            window?.Dispose();
            TorchMemoryPolicy.AfterStep(memory, i / bptt);
            window = TorchMemoryPolicy.StepScope(memory);
        }
        window?.Dispose();
        double seconds = timer.Seconds;
        phases?.End();
        return new EpochStats(seconds, lossSum / count);
    }

    public double Test()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        (Tensor H, Tensor C) state = (torch.zeros(1, cell.weight_hh!.shape[1]), torch.zeros(1, cell.weight_hh!.shape[1]));
        long n = xTest.shape[0];
        double sum = 0;
        for (long i = 0; i < n; i++)
        {
            var (h, c) = cell.forward(xTest.narrow(0, i, 1), state);
            state = (h, c);
            double e = fc.forward(h).item<float>() - tTest[i, 0].item<float>();
            sum += e * e;
        }
        return sum / n;
    }

    public IReadOnlyList<Training.StageTime> ProfileStages(int reps) => [];

    public double ProfileUpdate(int reps) => double.NaN;

    public void Dispose()
    {
        optimizer.Dispose();
        cell.Dispose();
        fc.Dispose();
    }
}
