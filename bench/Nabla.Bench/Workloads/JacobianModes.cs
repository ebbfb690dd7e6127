using System.Globalization;
using Nabla.Autodiff;
using Nabla.Bench.Harness;
using TorchSharp;
using static TorchSharp.torch;
using NTensor = Nabla.Tensors.Tensor;

namespace Nabla.Bench.Workloads;

/// <summary>
/// AD2: the Jacobian (m × n) of f(x) = tanh(W·x), W a fixed m × n float64 matrix, for one (n, m). Nabla builds it four
/// ways: <c>JacobianMode.Forward</c> (n forward-mode passes), <c>Reverse</c> (one recorded pass and m backward passes),
/// <c>BatchedReverse</c> (one recorded pass and one backward pass carrying the m cotangents as a batch) and <c>Auto</c>
/// (forward when n &lt; m, batched reverse otherwise: what a user gets by default); the figure is Auto's time, the
/// extra gives forward, reverse, batched reverse and the ratio of the first two. TorchSharp 0.107 has neither <c>torch.autograd.functional.jacobian</c> nor forward-mode AD,
/// so its side does what <c>jacobian</c> does by default: m calls of <c>autograd.grad</c> with unit cotangents on one
/// retained graph (reverse mode, row by row).
/// </summary>
internal sealed class JacobianModes(string id, int n, int m) : IWorkload
{
    public string Id => id;
    public string Name => $"jacobian-{n}x{m}";
    public string Figure => "ms / Jacobian";
    public bool HigherIsBetter => false;
    public double CheckTolerance => 1e-10;

    private static double MinMs(RunSettings s) => s.Quick ? 10 : 100;

    public string Describe(RunSettings s) => $"f: R^{n} -> R^{m}, tanh(W x), float64";
    public int Repetitions(RunSettings s) => s.Reps(5, 2);
    public IContender CreateNabla(RunSettings s) => new NablaSide(Data, n, m, MinMs(s));
    public IContender CreateTorch(RunSettings s) => new TorchSide(Data, n, m, MinMs(s));

    private (double[] W, double[] X) Data
    {
        get
        {
            var rng = new Nabla.Tensors.Generator(n * 7919 + m);
            // Rows of W of norm about 1, so that tanh works away from saturation.
            var w = Enumerable.Range(0, m * n).Select(_ => rng.NextNormal() / Math.Sqrt(n)).ToArray();
            var x = Enumerable.Range(0, n).Select(_ => rng.NextNormal()).ToArray();
            return (w, x);
        }
    }

    private static double[] Summary(double[] j) => [j.Sum(), j.Sum(Math.Abs)];

    private sealed class NablaSide(( double[] W, double[] X) data, int n, int m, double minMs) : IContender
    {
        private readonly NTensor w = NTensor.FromSpan<double>(data.W, m, n), x = NTensor.FromSpan<double>(data.X, n);
        private readonly List<double> forward = [], reverse = [], batched = [];
        private NTensor? last;

        private Variable F(Variable v) => Nabla.F.Tanh(Nabla.F.MatMul(new Variable(w), v));

        public double Run()
        {
            NTensor? jf = null, jr = null, jb = null, ja = null;
            forward.Add(Repeat.MillisecondsPerCall(() => jf = Derivatives.Jacobian(F, x, JacobianMode.Forward), minMs));
            reverse.Add(Repeat.MillisecondsPerCall(() => jr = Derivatives.Jacobian(F, x, JacobianMode.Reverse), minMs));
            batched.Add(Repeat.MillisecondsPerCall(() => jb = Derivatives.Jacobian(F, x, JacobianMode.BatchedReverse), minMs));
            double ms = Repeat.MillisecondsPerCall(() => ja = Derivatives.Jacobian(F, x, JacobianMode.Auto), minMs);
            if (!NTensor.AllClose(jf!, jr!, 1e-12, 1e-14) || !NTensor.AllClose(jb!, jr!, 1e-12, 1e-14))
                throw new InvalidOperationException($"AD2 {n}x{m}: Nabla's forward, reverse and batched reverse Jacobians differ");
            last = ja;
            return ms;
        }

        public double[] Checks() => Summary(last!.ToArray<double>());

        public string? Extra()
        {
            double f = Stats.Median(forward), r = Stats.Median(reverse), b = Stats.Median(batched);
            return string.Create(CultureInfo.InvariantCulture, $"forward {f:0.000} ms, reverse {r:0.000} ms, batched {b:0.000} ms, forward/reverse {f / r:0.000}");
        }

        public void Dispose() { }
    }

    private sealed class TorchSide(( double[] W, double[] X) data, int n, int m, double minMs) : IContender
    {
        private readonly torch.Tensor w = torch.tensor(data.W, [m, n], float64), x = torch.tensor(data.X, [n], float64, requires_grad: true);
        private double[] last = [];

        private torch.Tensor Jacobian()
        {
            var y = torch.tanh(torch.matmul(w, x));
            var rows = new torch.Tensor[m];
            for (int i = 0; i < m; i++)
            {
                var e = torch.zeros(m, float64);
                e[i].fill_(1.0);
                rows[i] = torch.autograd.grad([y], [x], [e], retain_graph: true)[0];
            }
            return torch.stack(rows);
        }

        public double Run()
        {
            double ms = Repeat.MillisecondsPerCall(() => { using var scope = torch.NewDisposeScope(); Jacobian(); }, minMs);
            using (torch.NewDisposeScope()) last = Summary(Jacobian().data<double>().ToArray());
            return ms;
        }

        public double[] Checks() => last;

        public void Dispose() { }
    }
}
