using Nabla.Autodiff;
using Nabla.Bench.Harness;
using NTensor = Nabla.Tensors.Tensor;
using TorchSharp;
using static TorchSharp.torch;

namespace Nabla.Bench.Workloads;

/// <summary>
/// W3: gradient descent on Rosenbrock, f(x0,x1) = 100(x1 − x0²)² + (1 − x0)², from (0, 2) with lr 1e-3,
/// on 0-d float64 tensors. The figure is the per-iteration overhead of building and walking a tiny graph.
/// </summary>
internal sealed class ScalarGraph : IWorkload
{
    private const double Lr = 1e-3;

    public string Id => "W3";
    public string Name => "scalar-graph";
    public string Figure => "µs / iteration";
    public bool HigherIsBetter => false;

    private static int Iterations(RunSettings s) => s.Quick ? 1_000 : 10_000;

    public string Describe(RunSettings s) => $"{Iterations(s):N0} iterations (fwd+bwd+update)";
    public int Repetitions(RunSettings s) => s.Reps(5, 3);
    // Several untimed runs: both sides' hot loops must reach the JIT's optimized tier before timing starts.
    public int Warmups(RunSettings s) => s.Quick ? 1 : 3;
    public IContender CreateNabla(RunSettings s) => new NablaSide(Iterations(s));
    public IContender CreateTorch(RunSettings s) => new TorchSide(Iterations(s));

    private static Variable Rosenbrock(Variable x0, Variable x1) =>
        100 * (x1 - x0.Pow(2)).Pow(2) + (1 - x0).Pow(2);

    private static torch.Tensor Rosenbrock(torch.Tensor x0, torch.Tensor x1) =>
        100 * (x1 - x0.pow(2)).pow(2) + (1 - x0).pow(2);

    private sealed class NablaSide(int iterations) : IContender
    {
        private double[] last = [];

        public double Run()
        {
            var x0 = new Variable(NTensor.Scalar(0.0));
            var x1 = new Variable(NTensor.Scalar(2.0));
            var timer = Harness.Timer.Start();
            for (int i = 0; i < iterations; i++)
            {
                var y = Rosenbrock(x0, x1);
                x0.ClearGrad();
                x1.ClearGrad();
                y.Backward();
                x0.Data = x0.Data - x0.Grad!.Data * Lr;
                x1.Data = x1.Data - x1.Grad!.Data * Lr;
            }
            double us = timer.Microseconds / iterations;
            last = [x0.Data.Item(), x1.Data.Item()];
            return us;
        }

        public double[] Checks() => last;

        public void Dispose() { }
    }

    private sealed class TorchSide(int iterations) : IContender
    {
        private double[] last = [];

        public double Run()
        {
            using var x0 = torch.tensor(0.0, float64, requires_grad: true);
            using var x1 = torch.tensor(2.0, float64, requires_grad: true);
            var timer = Harness.Timer.Start();
            for (int i = 0; i < iterations; i++)
            {
                // The scope frees this iteration's temporaries now instead of leaving them to finalizers.
                using var scope = torch.NewDisposeScope();
                var y = Rosenbrock(x0, x1);
                y.backward();
                using (torch.no_grad())
                {
                    var g0 = x0.grad!;
                    var g1 = x1.grad!;
                    x0.sub_(g0 * Lr);
                    x1.sub_(g1 * Lr);
                    g0.zero_();
                    g1.zero_();
                }
            }
            double us = timer.Microseconds / iterations;
            last = [x0.item<double>(), x1.item<double>()];
            return us;
        }

        public double[] Checks() => last;

        public void Dispose() { }
    }
}
