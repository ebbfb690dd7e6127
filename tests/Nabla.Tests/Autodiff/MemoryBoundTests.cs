using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Autodiff;

[CollectionDefinition("MemoryMeasurement", DisableParallelization = true)]
public class MemoryMeasurementCollection;

/// <summary>
/// Measures the whole process's heap, so it runs alone: a test allocating in parallel would be counted as growth.
/// </summary>
[Collection("MemoryMeasurement")]
public class MemoryBoundTests
{
    [Fact]
    public void LongTrainingLikeLoopKeepsMemoryBounded()
    {
        var rng = new Generator(0);
        var w = new Parameter(Tensor.Randn(rng, DType.Float64, 10, 10) * 0.1);
        var x = new Variable(Tensor.Randn(rng, DType.Float64, 8, 10));
        long Measure()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return GC.GetTotalMemory(true);
        }
        void Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                var y = F.Sum(F.Tanh(F.MatMul(x, w)).Pow(2));
                w.ClearGrad();
                y.Backward();
                w.Data = w.Data - w.Grad!.Data * 0.01;
            }
        }
        Steps(1000);
        long before = Measure();
        Steps(10_000);
        long after = Measure();
        Assert.True(after - before < 16 * 1024 * 1024, $"memory grew by {(after - before) / 1024} KiB over 10,000 steps");
    }
}
