using Nabla.Bench.Harness;

namespace Nabla.Bench.Training;

/// <summary>
/// A training workload (W1, W2, W7): seconds per epoch, both systems from the same initial weights on the same
/// batches; TorchSharp frees native memory as <see cref="TorchMemory"/> says. Besides the benchmark, <c>--memory</c>
/// and <c>--profile</c> use its trainers directly.
/// </summary>
internal abstract class TrainingWorkload(TorchMemory torchMemory) : IWorkload
{
    public abstract string Id { get; }
    public abstract string Name { get; }
    public string Figure => "s / epoch";
    public bool HigherIsBetter => false;

    /// <summary>How TorchSharp's side frees its tensors in the benchmark.</summary>
    public TorchMemory TorchMemory { get; } = torchMemory;

    /// <summary>The epoch after which the test figure is reported (WORKLOADS.md: 5 for W1, 2 for W2).</summary>
    public abstract int TestEpoch { get; }

    /// <summary>True when the test figure is an accuracy (else a mean squared error).</summary>
    public abstract bool TestIsAccuracy { get; }

    /// <summary>
    /// The first epoch's mean training loss must agree: both start from the same weights and see the same batches,
    /// so only float32 rounding (different summation orders in GEMM and convolution) separates them.
    /// </summary>
    public double CheckTolerance => 1e-3;

    public abstract string Describe(RunSettings s);
    public abstract int Repetitions(RunSettings s);

    /// <summary>Nabla's trainer, built from the seeded initial weights.</summary>
    public abstract ITrainer CreateNablaTrainer(RunSettings s);

    /// <summary>TorchSharp's trainer with Nabla's initial weights copied in.</summary>
    public abstract ITrainer CreateTorchTrainer(RunSettings s, TorchMemory memory);

    public IContender CreateNabla(RunSettings s) => new TrainingContender(CreateNablaTrainer(s), TestEpoch, TestIsAccuracy);
    public IContender CreateTorch(RunSettings s) => new TrainingContender(CreateTorchTrainer(s, TorchMemory), TestEpoch, TestIsAccuracy);
}
