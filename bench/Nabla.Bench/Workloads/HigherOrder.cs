using Nabla.Autodiff;
using Nabla.Bench.Harness;
using NTensor = Nabla.Tensors.Tensor;
using TorchSharp;
using static TorchSharp.torch;

namespace Nabla.Bench.Workloads;

/// <summary>
/// W4: the 1st..8th derivatives of tanh at x = 1.0 (float64), each by a backward pass over the graph of the
/// previous one, recorded with create_graph. The figure is the time from x to the 8th derivative; the extra
/// is the size of the 8th derivative's graph. TorchSharp exposes no grad_fn graph, so only its time is reported.
/// </summary>
internal sealed class HigherOrder : IWorkload
{
    private const int Order = 8;

    public string Id => "W4";
    public string Name => "higher-order";
    public string Figure => "ms to the 8th derivative";
    public bool HigherIsBetter => false;

    public string Describe(RunSettings s) => $"tanh'..tanh^({Order}) at 1.0";
    public int Repetitions(RunSettings s) => s.Reps(10, 3);
    public IContender CreateNabla(RunSettings s) => new NablaSide();
    public IContender CreateTorch(RunSettings s) => new TorchSide();

    private sealed class NablaSide : IContender
    {
        private Variable? last;

        public double Run()
        {
            var timer = Harness.Timer.Start();
            var x = new Variable(NTensor.Scalar(1.0));
            var y = F.Tanh(x);
            y.Backward(createGraph: true);
            var gx = x.Grad!;
            for (int n = 2; n <= Order; n++)
            {
                x.ClearGrad();
                gx.Backward(createGraph: true);
                gx = x.Grad!;
            }
            double ms = timer.Milliseconds;
            last = gx;
            return ms;
        }

        public double[] Checks() => [Last.Data.Item()];

        public string? Extra()
        {
            var (variables, functions) = GraphSize(Last);
            return $"{variables + functions} nodes ({variables} variables + {functions} functions)";
        }

        private Variable Last => last ?? throw new InvalidOperationException("W4: Checks before Run");

        /// <summary>Variables and functions reachable from <paramref name="root"/> through Creator and Inputs.</summary>
        private static (int Variables, int Functions) GraphSize(Variable root)
        {
            var variables = new HashSet<Variable>(ReferenceEqualityComparer.Instance) { root };
            var functions = new HashSet<Function>(ReferenceEqualityComparer.Instance);
            var stack = new Stack<Variable>([root]);
            while (stack.TryPop(out var v))
            {
                if (v.Creator is null || !functions.Add(v.Creator)) continue;
                foreach (var input in v.Creator.Inputs)
                    if (variables.Add(input)) stack.Push(input);
            }
            return (variables.Count, functions.Count);
        }

        public void Dispose() { }
    }

    private sealed class TorchSide : IContender
    {
        private double[] last = [];

        public double Run()
        {
            using var scope = torch.NewDisposeScope();
            var timer = Harness.Timer.Start();
            var x = torch.tensor(1.0, float64, requires_grad: true);
            var g = torch.tanh(x);
            for (int n = 1; n <= Order; n++)
                // create_graph without retain_graph aborts the process in TorchSharp 0.107.
                g = torch.autograd.grad([g], [x], retain_graph: true, create_graph: true)[0];
            double ms = timer.Milliseconds;
            last = [g.item<double>()];
            return ms;
        }

        public double[] Checks() => last;

        public string? Extra() => "n/a (TorchSharp exposes no grad_fn graph)";

        public void Dispose() { }
    }
}
