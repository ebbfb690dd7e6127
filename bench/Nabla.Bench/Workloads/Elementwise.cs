using Nabla.Autodiff;
using Nabla.Bench.Harness;
using TorchSharp;
using static TorchSharp.torch;
using NTensor = Nabla.Tensors.Tensor;

namespace Nabla.Bench.Workloads;

/// <summary>
/// W6: y = sum(tanh(x)·x + exp(−x)) for x of 1,000,000 float32 (the same data for both), forward and backward.
/// Each repetition starts from a fresh leaf, so no gradient is accumulated into an old buffer.
/// </summary>
internal sealed class Elementwise : IWorkload
{
    private const int Size = 1_000_000;

    public string Id => "W6";
    public string Name => "elementwise";
    public string Figure => "ms / forward+backward";
    public bool HigherIsBetter => false;
    // float32 sums over a million terms, in different orders.
    public double CheckTolerance => 1e-4;

    public string Describe(RunSettings s) => $"{Size:N0} float32";
    public int Repetitions(RunSettings s) => s.Reps(20, 5);
    public int Warmups(RunSettings s) => 2;
    public IContender CreateNabla(RunSettings s) => new NablaSide(Data);
    public IContender CreateTorch(RunSettings s) => new TorchSide(Data);

    private static readonly Lazy<float[]> LazyData = new(() => NTensor.Randn(new Nabla.Tensors.Generator(6), Size).ToArray<float>());
    private static float[] Data => LazyData.Value;

    private static double SumOf(float[] values) => values.Sum(v => (double)v);

    private sealed class NablaSide(float[] data) : IContender
    {
        private readonly NTensor x = NTensor.FromSpan<float>(data, Size);
        private double[] last = [];
        private readonly float[] gradient = new float[Size]; // so that reading the check allocates nothing

        public double Run()
        {
            // As the TorchSharp side's NewDisposeScope: the step's arrays go back for reuse when it ends.
            using var scope = Nabla.Tensors.TensorScope.Begin();
            var xv = new Variable(x);
            var timer = Harness.Timer.Start();
            var y = F.Sum(F.Tanh(xv) * xv + F.Exp(-xv));
            y.Backward();
            double ms = timer.Milliseconds;
            // Read before the scope releases the tensors (untimed, as on the TorchSharp side).
            xv.Grad!.Data.CopyTo<float>(gradient);
            last = [y.Data.Item(), SumOf(gradient)];
            return ms;
        }

        public double[] Checks() => last;

        public void Dispose() { }
    }

    private sealed class TorchSide(float[] data) : IContender
    {
        private double[] last = [];

        public double Run()
        {
            using var scope = torch.NewDisposeScope();
            var x = torch.tensor(data, [Size], float32, requires_grad: true);
            var timer = Harness.Timer.Start();
            var y = (torch.tanh(x) * x + torch.exp(-x)).sum();
            y.backward();
            double ms = timer.Milliseconds;
            // Read before the scope frees the tensors (untimed; TorchSharp's managed allocation is not counted).
            last = [y.item<float>(), SumOf(x.grad!.data<float>().ToArray())];
            return ms;
        }

        public double[] Checks() => last;

        public void Dispose() { }
    }
}
