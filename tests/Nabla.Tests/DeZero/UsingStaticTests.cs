using Nabla.Autodiff;
using Nabla.Tensors;
using Xunit;
using static Nabla.DeZero.F;

namespace Nabla.Tests.DeZero;

/// <summary>The book's step-42 linear regression written against <c>using static Nabla.DeZero.F;</c>.</summary>
public class UsingStaticTests
{
    [Fact]
    public void Step42PortsLineByLine()
    {
        var rng = Generator.NumPy(0);
        var x = new Variable(Tensor.Rand(rng, DType.Float64, 100, 1));
        var y = new Variable(5.0 + 2.0 * x.Data + Tensor.Rand(rng, DType.Float64, 100, 1));
        var W = new Variable(Tensor.Zeros(DType.Float64, 1, 1));
        var b = new Variable(Tensor.Zeros(DType.Float64, 1));
        const double lr = 0.1;
        Variable loss = null!;
        for (int i = 0; i < 100; i++)
        {
            var yPred = MatMul(x, W) + b;
            loss = MeanSquaredError(y, yPred);
            W.ClearGrad();
            b.ClearGrad();
            loss.Backward();
            W.Data -= lr * W.Grad!.Data;
            b.Data -= lr * b.Grad!.Data;
        }
        // DeZero's step42.py with NumPy 1.24 (seed 0): W, b and the last loss.
        Assert.Equal(2.118073690511974, W.Data.Item(), 1e-12);
        Assert.Equal(5.466089050922982, b.Data.Item(), 1e-12);
        Assert.Equal(0.07908606512411756, loss.Data.Item(), 1e-12);
    }
}
