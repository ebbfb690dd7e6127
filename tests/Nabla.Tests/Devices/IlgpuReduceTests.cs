using Nabla.Tensors;
using Nabla.Tensors.Kernels;
using static Nabla.Tests.Devices.DeviceCheck;

namespace Nabla.Tests.Devices;

public class IlgpuReduceTests
{
    public static TheoryData<int[], int[]> Shapes() => new()
    {
        { new[] { 3, 4, 5 }, new[] { 1, 4, 5 } },
        { new[] { 3, 4, 5 }, new[] { 3, 1, 1 } },
        { new[] { 3, 4, 5 }, new[] { 1, 1, 1 } },
        { new[] { 3, 4, 5 }, new[] { 3, 4, 1 } },
        { new[] { 2, 700 }, new[] { 2, 1 } },      // long rows: groups, split in slices
        { new[] { 1100 }, new[] { 1 } },
        { new[] { 1, 17 }, new[] { 1, 1 } },
        { new[] { 40, 3 }, new[] { 1, 3 } },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Reduce_matches_over_any_axes(int[] shape, int[] kept)
    {
        foreach (var dtype in Numbers)
            foreach (var op in Enum.GetValues<ReduceOp>())
            {
                var x = Values(20, dtype, shape);
                var (c, g) = (EmptyCpu(dtype, kept), EmptyGpu(dtype, kept));
                Cpu.Reduce(op, x, c);
                Gpu.Reduce(op, x.OnGpu(), g);
                if (dtype.IsFloat()) Close(c, g, dtype == DType.Float32 ? 1e-5 : 1e-12);
                else Same(c, g);
            }
    }

    [Fact]
    public void Reduce_reads_transposed_views_and_propagates_nan()
    {
        foreach (var dtype in Floats)
        {
            var x = Values(21, dtype, 5, 3);
            var n = x.Copy();
            SetNaN(n, 2, 1);
            foreach (var (src, transpose) in new[] { (x, true), (n, false), (n, true) })
                foreach (var op in Enum.GetValues<ReduceOp>())
                {
                    Func<Tensor, Tensor> view = transpose ? t => t.T : t => t;
                    int[] kept = [view(src).Shape[0], 1];
                    var (c, g) = (EmptyCpu(dtype, kept), EmptyGpu(dtype, kept));
                    Cpu.Reduce(op, view(src), c);
                    Gpu.Reduce(op, view(src.OnGpu()), g);
                    Close(c, g);
                }
        }
    }

    [Fact]
    public void Reduce_of_nothing_is_the_identity()
    {
        foreach (var dtype in Numbers)
            foreach (var op in Enum.GetValues<ReduceOp>())
            {
                var (c, g) = (EmptyCpu(dtype, 1, 3), EmptyGpu(dtype, 1, 3));
                Cpu.Reduce(op, EmptyCpu(dtype, 0, 3), c);
                Gpu.Reduce(op, EmptyGpu(dtype, 0, 3), g);
                Same(c, g);
            }
    }

    [Fact]
    public void ArgReduce_takes_the_first_on_ties_nan_and_signed_zeros()
    {
        var rows = Tensor.FromArray(new[] { 1.0, 3, 3, 0, double.NaN, 2, double.NaN, 5, -0.0, 0.0, -1, 0.0, 2, 2, 2, 2 }).Reshape(4, 4);
        foreach (var dtype in Floats)
            foreach (bool max in new[] { true, false })
                CheckArg(max, rows.AsType(dtype), 4);
        foreach (var dtype in Numbers)
            foreach (bool max in new[] { true, false })
            {
                CheckArg(max, RandInt(22, -3, 3, DType.Int64, 3, 17).AsType(dtype), 17);
                CheckArg(max, RandInt(23, -9, 9, DType.Int64, 2, 300).AsType(dtype), 300);
            }
    }

    private static void CheckArg(bool max, Tensor x, int rowLength)
    {
        int rows = x.Size / rowLength;
        var (c, g) = (EmptyCpu(DType.Int64, rows), EmptyGpu(DType.Int64, rows));
        Cpu.ArgReduce(max, x, c, rowLength);
        Gpu.ArgReduce(max, x.OnGpu(), g, rowLength);
        Same(c, g);
    }

    [Fact]
    public void SumOfSquares_is_a_double_reduction()
    {
        foreach (var dtype in Floats)
            foreach (int n in new[] { 1, 3, 1000 })
            {
                var x = Values(24, dtype, n);
                double c = Cpu.SumOfSquares(x), g = Gpu.SumOfSquares(x.OnGpu());
                Assert.True(Math.Abs(c - g) <= 1e-12 * Math.Abs(c), $"{dtype} {n}: {c} vs {g}");
            }
    }
}
