using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Autodiff;

/// <summary>
/// A function holds its outputs weakly, so the variable that Backward starts from must stay alive until the
/// walk is done even when the caller keeps no reference to it (<c>F.Sin(x).Backward()</c>): once the JIT has
/// optimised Backward, nothing else roots it. The function below collects garbage inside its backward rule,
/// where the rule then needs its output. Without GC.KeepAlive in Backward this fails at once under a fully
/// optimising JIT (DOTNET_TieredCompilation=0), and it failed now and then in long property runs once tiered
/// compilation had optimised Backward; in a short default run Backward may still be unoptimised code, which
/// keeps its receiver alive anyway.
/// </summary>
public class BackwardKeepAliveTests
{
    /// <summary>The identity, whose backward rule collects garbage and then reads its own output.</summary>
    private sealed class CollectingIdentity : Function
    {
        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0]];

        protected internal override Variable?[] Backward(Variable[] gys)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            _ = Output(); // throws if the output was collected
            return [gys[0]];
        }

        protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [txs[0]];
    }

    [Fact]
    public void Backward_OfAnUnreferencedResult_KeepsItAliveToTheEnd()
    {
        for (int round = 0; round < 100; round++)
        {
            var x = new Variable(Tensor.Scalar(0.3));
            new CollectingIdentity().Call(x).Backward(); // only Backward's receiver refers to the result
            Assert.Equal(1.0, x.Grad!.Data.Item());
        }
    }
}
