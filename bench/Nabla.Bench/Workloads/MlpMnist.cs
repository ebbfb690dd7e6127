using Nabla.Autodiff;
using Nabla.Bench.Harness;
using Nabla.Bench.Training;
using Nabla.NN;
using Nabla.NN.Optimizers;
using TorchSharp;
using static TorchSharp.torch.nn;
using NTensor = Nabla.Tensors.Tensor;

namespace Nabla.Bench.Workloads;

/// <summary>
/// W1: one epoch of the CLI's MNIST MLP (784-1000-1000-10, ReLU), softmax cross-entropy, Adam(1e-3) with weight decay
/// 1e-4, batch 100, shuffled: 80 steps on mnist-10k; test accuracy after 5 epochs. TorchSharp gets the same weights,
/// the same batches, <c>torch.optim.Adam(weight_decay: 1e-4)</c>; its memory handling is the variant's.
/// </summary>
internal sealed class MlpMnist(TorchMemory torchMemory = TorchMemory.Scope) : TrainingWorkload(torchMemory)
{
    private const int Batch = 100;
    private const double Lr = 1e-3, WeightDecayRate = 1e-4;
    private static readonly int[] Sizes = [784, 1000, 1000, 10];

    public override string Id => TorchMemory == TorchMemory.Scope ? "W1" : "W1-gc";
    public override string Name => TorchMemory == TorchMemory.Scope ? "mlp-mnist" : "mlp-mnist-gc";
    public override int TestEpoch => 5;
    public override bool TestIsAccuracy => true;

    private static int Steps(RunSettings s) => s.Quick ? 10 : int.MaxValue;

    public override string Describe(RunSettings s) =>
        $"{(s.Quick ? "10 steps" : "epoch of 80 steps")}, batch {Batch}; TorchSharp: {TorchMemoryPolicy.Describe(TorchMemory)}";

    // Warm-up + 4 = 5 epochs, the epoch the test accuracy is defined at.
    public override int Repetitions(RunSettings s) => s.Reps(4, 2);

    private static MLP NablaModel()
    {
        Init.Seed(0);
        var model = new MLP(Sizes[1..], F.ReLU);
        // The layers infer their input size: one call creates the weights before they are copied or trained.
        using (Config.NoGrad()) model.Forward(NTensor.Zeros(1, Sizes[0]));
        return model;
    }

    private static IReadOnlyList<GemmShape> Gemms() =>
        Enumerable.Range(0, Sizes.Length - 1).Select(i => new GemmShape($"l{i}", Batch, Sizes[i], Sizes[i + 1])).ToArray();

    public override ITrainer CreateNablaTrainer(RunSettings s)
    {
        var model = NablaModel();
        var l = model.Linears;
        NablaStage[] stages =
        [
            new("l0 linear 784->1000", l[0].Forward), new("relu", F.ReLU),
            new("l1 linear 1000->1000", l[1].Forward), new("relu", F.ReLU),
            new("l2 linear 1000->10", l[2].Forward),
        ];
        var optimizer = new Adam(Lr).AddHook(new WeightDecay(WeightDecayRate));
        return new NablaClassifier(model, stages, Gemms(), optimizer,
            MnistData.Flat(MnistData.Train), MnistData.Flat(MnistData.Test), Batch, Steps(s), shuffleSeed: 0);
    }

    public override ITrainer CreateTorchTrainer(RunSettings s, TorchMemory memory)
    {
        var source = NablaModel().Linears;
        var layers = new TorchSharp.Modules.Linear[Sizes.Length - 1];
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i] = Linear(Sizes[i], Sizes[i + 1]);
            TorchWeights.Copy(source[i].W.Data, layers[i].weight!, transpose: true);
            TorchWeights.Copy(source[i].b!.Data, layers[i].bias!);
        }
        var model = Sequential(("l0", layers[0]), ("relu0", ReLU()), ("l1", layers[1]), ("relu1", ReLU()), ("l2", layers[2]));
        TorchStage[] stages =
        [
            new("l0 linear 784->1000", layers[0].forward), new("relu", x => functional.relu(x)),
            new("l1 linear 1000->1000", layers[1].forward), new("relu", x => functional.relu(x)),
            new("l2 linear 1000->10", layers[2].forward),
        ];
        return new TorchClassifier(model, stages, Gemms(), Lr, WeightDecayRate,
            MnistData.ToTorch(MnistData.Flat(MnistData.Train)), MnistData.ToTorch(MnistData.Flat(MnistData.Test)),
            Batch, Steps(s), shuffleSeed: 0, memory);
    }
}
