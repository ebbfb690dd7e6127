using Nabla.Bench.Harness;
using TorchSharp;
using static TorchSharp.torch;
using NTensor = Nabla.Tensors.Tensor;

namespace Nabla.Bench.Workloads;

/// <summary>W5: C = A·B for 1024×1024 float32 matrices (the same random data for both), in GFLOP/s = 2n³ / time.</summary>
internal sealed class Gemm : IWorkload
{
    private const int N = 1024;
    private const double Flops = 2.0 * N * N * N;

    public string Id => "W5";
    public string Name => "gemm";
    public string Figure => "GFLOP/s";
    public bool HigherIsBetter => true;
    // float32 sums of 1024-term dot products, accumulated in different orders.
    public double CheckTolerance => 1e-4;

    public string Describe(RunSettings s) => $"{N}x{N} @ {N}x{N} float32";
    public int Repetitions(RunSettings s) => s.Reps(20, 5);
    public int Warmups(RunSettings s) => 2;
    public IContender CreateNabla(RunSettings s) => new NablaSide(Data.A, Data.B);
    public IContender CreateTorch(RunSettings s) => new TorchSide(Data.A, Data.B);

    private static readonly Lazy<(float[] A, float[] B)> LazyData = new(() =>
    {
        var rng = new Nabla.Tensors.Generator(5);
        return (NTensor.Randn(rng, N, N).ToArray<float>(), NTensor.Randn(rng, N, N).ToArray<float>());
    });
    private static (float[] A, float[] B) Data => LazyData.Value;

    private static double[] SumAndAbsSum(float[] c) => [c.Sum(v => (double)v), c.Sum(v => Math.Abs((double)v))];

    private sealed class NablaSide(float[] a, float[] b) : IContender
    {
        private readonly NTensor ta = NTensor.FromSpan<float>(a, N, N), tb = NTensor.FromSpan<float>(b, N, N);
        private NTensor? last;

        public double Run()
        {
            var timer = Harness.Timer.Start();
            var c = NTensor.MatMul(ta, tb);
            double seconds = timer.Seconds;
            last = c;
            return Flops / seconds / 1e9;
        }

        public double[] Checks() => SumAndAbsSum(last!.ToArray<float>());

        public void Dispose() { }
    }

    private sealed class TorchSide(float[] a, float[] b) : IContender
    {
        private readonly torch.Tensor ta = torch.tensor(a, [N, N], float32), tb = torch.tensor(b, [N, N], float32);
        private torch.Tensor? last;

        public double Run()
        {
            last?.Dispose();
            var timer = Harness.Timer.Start();
            var c = torch.matmul(ta, tb);
            double seconds = timer.Seconds;
            last = c;
            return Flops / seconds / 1e9;
        }

        public double[] Checks() => SumAndAbsSum(last!.data<float>().ToArray());

        public void Dispose()
        {
            last?.Dispose();
            ta.Dispose();
            tb.Dispose();
        }
    }
}
