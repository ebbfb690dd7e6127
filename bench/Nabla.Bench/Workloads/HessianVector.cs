using System.Globalization;
using Nabla.Autodiff;
using Nabla.Bench.Harness;
using TorchSharp;
using static TorchSharp.torch;
using NTensor = Nabla.Tensors.Tensor;

namespace Nabla.Bench.Workloads;

/// <summary>
/// AD1: the Hessian-vector product of an MLP loss with 10,010 parameters (89-100-10, tanh, softmax cross-entropy on a
/// batch of 100, float64), all parameters flattened into one vector x that f slices and reshapes. Nabla:
/// <c>Derivatives.Hvp(f, x, v)</c> (forward-over-reverse, no Hessian formed); TorchSharp: double backward
/// (<c>autograd.grad</c> with create_graph, then the gradient of g·v). The figure is ms per HVP; the extra gives
/// one gradient's time (<c>Derivatives.Grad</c> / <c>autograd.grad</c>) and the ratio HVP/gradient, and for Nabla
/// the managed allocation of each call against the 800 MB a float64 Hessian would take.
/// </summary>
internal sealed class HessianVector : IWorkload
{
    private const int In = 89, Hidden = 100, Out = 10, Batch = 100;
    private const int W1 = In * Hidden, B1 = Hidden, W2 = Hidden * Out, B2 = Out;
    private const int Size = W1 + B1 + W2 + B2;

    public string Id => "AD1";
    public string Name => "hvp";
    public string Figure => "ms / Hessian-vector product";
    public bool HigherIsBetter => false;
    public double CheckTolerance => 1e-8;

    private static double MinMs(RunSettings s) => s.Quick ? 20 : 200;

    public string Describe(RunSettings s) => $"MLP {In}-{Hidden}-{Out} tanh, CE, batch {Batch}: {Size:N0} float64 parameters";
    public int Repetitions(RunSettings s) => s.Reps(7, 2);
    public IContender CreateNabla(RunSettings s) => new NablaSide(MinMs(s));
    public IContender CreateTorch(RunSettings s) => new TorchSide(MinMs(s));

    private static readonly Lazy<(double[] X, double[] V, double[] Data, long[] Labels)> LazyData = new(() =>
    {
        var rng = new Nabla.Tensors.Generator(11);
        // Weights of LeCun scale so that tanh is not saturated and the Hessian is far from zero.
        var x = new double[Size];
        for (int i = 0; i < Size; i++) x[i] = rng.NextNormal() * (i < W1 + B1 ? Math.Sqrt(1.0 / In) : Math.Sqrt(1.0 / Hidden));
        var v = Enumerable.Range(0, Size).Select(_ => rng.NextNormal()).ToArray();
        var data = Enumerable.Range(0, Batch * In).Select(_ => rng.NextNormal()).ToArray();
        var labels = Enumerable.Range(0, Batch).Select(_ => rng.NextInt64(0, Out)).ToArray();
        return (x, v, data, labels);
    });

    private static string Ratio(IReadOnlyList<double> hvp, IReadOnlyList<double> grad) =>
        string.Create(CultureInfo.InvariantCulture, $"gradient {Stats.Median(grad):0.000} ms; HVP/gradient {Stats.Median(hvp) / Stats.Median(grad):0.00}");

    private static double[] Summary(double[] hv, double[] g) => [hv.Sum(), hv.Sum(Math.Abs), g.Sum(Math.Abs)];

    private sealed class NablaSide : IContender
    {
        private readonly double minMs;
        private readonly NTensor x, v, data, labels;
        private readonly List<double> hvpTimes = [], gradTimes = [];
        private (NTensor Hv, NTensor G)? last;

        public NablaSide(double minMs)
        {
            this.minMs = minMs;
            var d = LazyData.Value;
            (x, v) = (NTensor.FromSpan<double>(d.X, Size), NTensor.FromSpan<double>(d.V, Size));
            (data, labels) = (NTensor.FromSpan<double>(d.Data, Batch, In), NTensor.FromSpan<long>(d.Labels, Batch));
        }

        private Variable Loss(Variable p)
        {
            int at = 0;
            Variable Take(int count, params int[] shape)
            {
                var part = F.Reshape(F.GetItem(p, new Nabla.Tensors.Slice(at, at + count)), shape);
                at += count;
                return part;
            }
            var (w1, b1, w2, b2) = (Take(W1, In, Hidden), Take(B1, Hidden), Take(W2, Hidden, Out), Take(B2, Out));
            var h = F.Tanh(F.Linear(new Variable(data), w1, b1));
            return F.SoftmaxCrossEntropy(F.Linear(h, w2, b2), labels);
        }

        public double Run()
        {
            NTensor? g = null, hv = null;
            gradTimes.Add(Repeat.MillisecondsPerCall(() => g = Derivatives.Grad(Loss, x), minMs));
            double ms = Repeat.MillisecondsPerCall(() => hv = Derivatives.Hvp(Loss, x, v), minMs);
            hvpTimes.Add(ms);
            last = (hv!, g!);
            return ms;
        }

        public double[] Checks() => Summary(last!.Value.Hv.ToArray<double>(), last.Value.G.ToArray<double>());

        public string? Extra()
        {
            long Allocated(Action action)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                action();
                return GC.GetTotalAllocatedBytes(precise: true) - before;
            }
            long hvpBytes = Allocated(() => Derivatives.Hvp(Loss, x, v));
            long gradBytes = Allocated(() => Derivatives.Grad(Loss, x));
            double hessianMb = (double)Size * Size * sizeof(double) / 1e6;
            return Ratio(hvpTimes, gradTimes) + string.Create(CultureInfo.InvariantCulture,
                $"; allocates {hvpBytes / 1e6:0.0} MB per HVP, {gradBytes / 1e6:0.0} MB per gradient (the Hessian: {hessianMb:0} MB)");
        }

        public void Dispose() { }
    }

    private sealed class TorchSide : IContender
    {
        private readonly double minMs;
        private readonly torch.Tensor x, v, data, labels;
        private readonly List<double> hvpTimes = [], gradTimes = [];
        private double[] last = [];

        public TorchSide(double minMs)
        {
            this.minMs = minMs;
            var d = LazyData.Value;
            x = torch.tensor(d.X, [Size], float64, requires_grad: true);
            v = torch.tensor(d.V, [Size], float64);
            data = torch.tensor(d.Data, [Batch, In], float64);
            labels = torch.tensor(d.Labels, [Batch]);
        }

        private torch.Tensor Loss(torch.Tensor p)
        {
            long at = 0;
            torch.Tensor Take(long count, params long[] shape)
            {
                var part = p.narrow(0, at, count).reshape(shape);
                at += count;
                return part;
            }
            var (w1, b1, w2, b2) = (Take(W1, In, Hidden), Take(B1, Hidden), Take(W2, Hidden, Out), Take(B2, Out));
            var h = torch.tanh(torch.matmul(data, w1) + b1);
            return nn.functional.cross_entropy(torch.matmul(h, w2) + b2, labels);
        }

        private torch.Tensor Grad()
        {
            var loss = Loss(x);
            return torch.autograd.grad([loss], [x])[0];
        }

        private torch.Tensor Hvp()
        {
            var loss = Loss(x);
            // create_graph without retain_graph aborts the process in TorchSharp 0.107.
            var g = torch.autograd.grad([loss], [x], retain_graph: true, create_graph: true)[0];
            return torch.autograd.grad([(g * v).sum()], [x])[0];
        }

        public double Run()
        {
            gradTimes.Add(Repeat.MillisecondsPerCall(() => { using var scope = torch.NewDisposeScope(); Grad(); }, minMs));
            double ms = Repeat.MillisecondsPerCall(() => { using var scope = torch.NewDisposeScope(); Hvp(); }, minMs);
            hvpTimes.Add(ms);
            using (torch.NewDisposeScope())
                last = Summary(Hvp().data<double>().ToArray(), Grad().data<double>().ToArray());
            return ms;
        }

        public double[] Checks() => last;

        public string? Extra() => Ratio(hvpTimes, gradTimes);

        public void Dispose() { }
    }
}
