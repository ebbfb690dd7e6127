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
/// W2: one epoch of the CLI's MNIST CNN (TrainingTasks.Cnn: conv 1->16 3x3 pad 1, ReLU, max-pool 2, conv 16->32 3x3
/// pad 1, ReLU, max-pool 2, linear 1568->10), softmax cross-entropy, Adam(1e-3) (no weight decay: WORKLOADS.md),
/// batch 100, shuffled; test accuracy after 2 epochs. TorchSharp: the same modules, weights and batches.
/// </summary>
internal sealed class CnnMnist(TorchMemory torchMemory = TorchMemory.Scope) : TrainingWorkload(torchMemory)
{
    private const int Batch = 100;
    private const double Lr = 1e-3;

    public override string Id => "W2";
    public override string Name => "cnn-mnist";
    public override int TestEpoch => 2;
    public override bool TestIsAccuracy => true;

    private static int Steps(RunSettings s) => s.Quick ? 5 : int.MaxValue;

    public override string Describe(RunSettings s) =>
        $"{(s.Quick ? "5 steps" : "epoch of 80 steps")}, batch {Batch}; TorchSharp: {TorchMemoryPolicy.Describe(TorchMemory)}";

    public override int Repetitions(RunSettings s) => s.Reps(3, 2);

    /// <summary>The CLI's TrainingTasks.Cnn(), layer by layer, with the layers kept for the profile and the weight copy.</summary>
    private static (Sequential Model, Conv2d Conv1, Conv2d Conv2, Nabla.NN.Linear Fc) NablaModel()
    {
        Init.Seed(0);
        var (conv1, conv2, fc) = (new Conv2d(16, 3, pad: 1), new Conv2d(32, 3, pad: 1), new Nabla.NN.Linear(10));
        var model = new Sequential(
            conv1, Activation.ReLU(), new Activation(x => F.Pooling(x, 2), "MaxPool2"),
            conv2, Activation.ReLU(), new Activation(x => F.Pooling(x, 2), "MaxPool2"),
            Activation.Flatten(), fc);
        using (Config.NoGrad()) model.Forward(NTensor.Zeros(1, 1, 28, 28));
        return (model, conv1, conv2, fc);
    }

    public override ITrainer CreateNablaTrainer(RunSettings s)
    {
        var (model, conv1, conv2, fc) = NablaModel();
        NablaStage[] stages =
        [
            new("conv1 1->16 3x3", conv1.Forward), new("relu", F.ReLU), new("max-pool 2", x => F.Pooling(x, 2)),
            new("conv2 16->32 3x3", conv2.Forward), new("relu", F.ReLU), new("max-pool 2", x => F.Pooling(x, 2)),
            new("flatten", F.Flatten), new("linear 1568->10", fc.Forward),
        ];
        return new NablaClassifier(model, stages, [], new Adam(Lr), MnistData.Train, MnistData.Test, Batch, Steps(s), shuffleSeed: 0);
    }

    public override ITrainer CreateTorchTrainer(RunSettings s, TorchMemory memory)
    {
        var (_, nConv1, nConv2, nFc) = NablaModel();
        var conv1 = Conv2d(1, 16, 3, padding: 1);
        var conv2 = Conv2d(16, 32, 3, padding: 1);
        var fc = Linear(1568, 10);
        TorchWeights.Copy(nConv1.W.Data, conv1.weight!);
        TorchWeights.Copy(nConv1.b!.Data, conv1.bias!);
        TorchWeights.Copy(nConv2.W.Data, conv2.weight!);
        TorchWeights.Copy(nConv2.b!.Data, conv2.bias!);
        TorchWeights.Copy(nFc.W.Data, fc.weight!, transpose: true);
        TorchWeights.Copy(nFc.b!.Data, fc.bias!);
        var model = Sequential(
            ("conv1", conv1), ("relu1", ReLU()), ("pool1", MaxPool2d(2)),
            ("conv2", conv2), ("relu2", ReLU()), ("pool2", MaxPool2d(2)),
            ("flatten", Flatten()), ("fc", fc));
        TorchStage[] stages =
        [
            new("conv1 1->16 3x3", conv1.forward), new("relu", x => functional.relu(x)), new("max-pool 2", x => functional.max_pool2d(x, 2)),
            new("conv2 16->32 3x3", conv2.forward), new("relu", x => functional.relu(x)), new("max-pool 2", x => functional.max_pool2d(x, 2)),
            new("flatten", x => x.flatten(1)), new("linear 1568->10", fc.forward),
        ];
        return new TorchClassifier(model, stages, [], Lr, 0, MnistData.ToTorch(MnistData.Train), MnistData.ToTorch(MnistData.Test),
            Batch, Steps(s), shuffleSeed: 0, memory);
    }
}
