using Nabla.Autodiff;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;
using Xunit;

namespace Nabla.Tests.NN;

/// <summary>Optimizer hooks given as functions, as DeZero's add_hook.</summary>
public class OptimizerLambdaHookTests
{
    [Fact]
    public void ALambdaHookChangesTheGradientBeforeTheUpdate()
    {
        var layer = new Linear(1, inSize: 2, dtype: DType.Float64, gen: new Generator(0));
        var before = layer.W.Data.Copy();
        var opt = new SGD(0.5).Setup(layer);
        int calls = 0;
        opt.AddHook(entries =>
        {
            calls++;
            foreach (var e in entries) e.Gradient.Assign(Tensor.OnesLike(e.Gradient));
        });
        var y = F.Sum(layer.Forward(Tensor.FromArray(new double[,] { { 3, 4 } })));
        y.Backward();
        opt.Update();
        Assert.Equal(1, calls);
        Assert.True(Tensor.AllClose(layer.W.Data, before - 0.5, 1e-15, 0));
        Assert.Single(opt.Hooks);
        Assert.Throws<ArgumentNullException>(() => opt.AddHook((Action<IReadOnlyList<GradientEntry>>)null!));
    }
}
