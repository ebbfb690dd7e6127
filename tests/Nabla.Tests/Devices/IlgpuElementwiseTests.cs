using Nabla.Tensors;
using Nabla.Tensors.Kernels;
using static Nabla.Tests.Devices.DeviceCheck;

namespace Nabla.Tests.Devices;

public class IlgpuElementwiseTests
{
    [Fact]
    public void Copy_broadcasts_reads_views_and_writes_strided_destinations()
    {
        foreach (var dtype in All)
        {
            var row = Values(1, dtype, 1, 3);
            var (c, g) = (EmptyCpu(dtype, 4, 3), EmptyGpu(dtype, 4, 3));
            Cpu.Copy(row, c);
            Gpu.Copy(row.OnGpu(), g);
            Same(c, g);

            var src = Values(2, dtype, 4, 3);
            var (bigC, bigG) = (EmptyCpu(dtype, 5, 6), EmptyGpu(dtype, 5, 6));
            Cpu.Copy(src.T, bigC[1..4, 1..5]);
            Gpu.Copy(src.OnGpu().T, bigG[1..4, 1..5]);
            Same(bigC, bigG);

            var scalar = Values(3, dtype, 1);
            (c, g) = (EmptyCpu(dtype, 2, 17), EmptyGpu(dtype, 2, 17));
            Cpu.Copy(scalar, c);
            Gpu.Copy(scalar.OnGpu(), g);
            Same(c, g);
        }
    }

    [Fact]
    public void Convert_follows_the_cpu_casts_for_every_pair()
    {
        var specials = Tensor.FromArray(new[] { 0.0, -0.0, 1.5, -1.5, 2.9, -2.9, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 3e9, -3e9, 1e20, 7, -7, 0.25, 1 });
        foreach (var from in All)
        {
            var src = (from == DType.Bool ? Values(4, DType.Bool, 16) : specials.AsType(from)).Reshape(4, 4);
            foreach (var to in All)
            {
                var (c, g) = (EmptyCpu(to, 4, 4), EmptyGpu(to, 4, 4));
                Cpu.Convert(src.T, c);
                Gpu.Convert(src.OnGpu().T, g);
                Same(c, g);
            }
        }
    }

    public static TheoryData<int, DType> BinaryCases()
    {
        var data = new TheoryData<int, DType>();
        foreach (var op in Enum.GetValues<BinaryOp>())
            foreach (var dtype in Numbers) data.Add((int)op, dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Binary_broadcasts_views_and_matches(int code, DType dtype)
    {
        var op = (BinaryOp)code;
        bool integer = !dtype.IsFloat();
        var a = Values(5, dtype, 2, 3, 4);
        var b = integer && op is BinaryOp.Div or BinaryOp.Pow ? RandInt(6, 1, 4, dtype, 3, 1) : Values(6, dtype, 3, 1);
        if (op == BinaryOp.Pow && !integer) a = Randn(5, dtype, 2, 3, 4).Abs();
        var (c, g) = (EmptyCpu(dtype, 2, 3, 4), EmptyGpu(dtype, 2, 3, 4));
        Cpu.Binary(op, a, b, c);
        Gpu.Binary(op, a.OnGpu(), b.OnGpu(), g);
        Check(dtype, c, g);

        // Transposed a, a scalar b, into a strided view.
        var at = Values(7, dtype, 4, 3);
        var s = integer ? RandInt(8, 1, 3, dtype, 1) : Values(8, dtype, 1);
        if (op == BinaryOp.Pow && !integer) at = at.Abs();
        var (bigC, bigG) = (EmptyCpu(dtype, 3, 9), EmptyGpu(dtype, 3, 9));
        Cpu.Binary(op, at.T, s, bigC[.., 2..6]);
        Gpu.Binary(op, at.OnGpu().T, s.OnGpu(), bigG[.., 2..6]);
        Check(dtype, bigC, bigG);
    }

    [Fact]
    public void Binary_in_place_on_its_first_operand()
    {
        foreach (var dtype in Floats)
        {
            var (a, b) = (Values(9, dtype, 17, 3), Values(10, dtype, 3));
            var (ac, ag) = (a.Copy(), a.OnGpu());
            Cpu.Binary(BinaryOp.Add, ac, b, ac);
            Gpu.Binary(BinaryOp.Add, ag, b.OnGpu(), ag);
            Same(ac, ag);
        }
    }

    [Fact]
    public void Maximum_and_minimum_keep_the_cpu_nan_and_zero_rules()
    {
        foreach (var dtype in Floats)
        {
            var a = Tensor.FromArray(new[] { double.NaN, 1, -0.0, 0.0, double.NegativeInfinity, 2 }).AsType(dtype);
            var b = Tensor.FromArray(new[] { 1, double.NaN, 0.0, -0.0, 3, double.NaN }).AsType(dtype);
            foreach (var op in new[] { BinaryOp.Maximum, BinaryOp.Minimum, BinaryOp.Pow, BinaryOp.Div })
            {
                var (c, g) = (EmptyCpu(dtype, 6), EmptyGpu(dtype, 6));
                Cpu.Binary(op, a, b, c);
                Gpu.Binary(op, a.OnGpu(), b.OnGpu(), g);
                Check(dtype, c, g);
            }
        }
    }

    [Fact]
    public void Integer_division_by_zero_and_negative_powers_throw_as_on_the_cpu()
    {
        var a = RandInt(1, 1, 5, DType.Int32, 3).OnGpu();
        var zero = Tensor.FromArray(new[] { 1, 0, 2 }).OnGpu();
        Assert.Throws<DivideByZeroException>(() => Gpu.Binary(BinaryOp.Div, a, zero, EmptyGpu(DType.Int32, 3)));
        var negative = Tensor.FromArray(new[] { 1L, -1, 2 }).OnGpu();
        Assert.Throws<ArgumentException>(() => Gpu.Binary(BinaryOp.Pow, RandInt(1, 1, 5, DType.Int64, 3).OnGpu(), negative, EmptyGpu(DType.Int64, 3)));
    }

    [Fact]
    public void Unary_matches_for_every_function()
    {
        foreach (var dtype in Numbers)
            foreach (var op in Enum.GetValues<UnaryOp>())
            {
                if (!dtype.IsFloat() && Unary.IsFloatOnly(op))
                {
                    Assert.Throws<ArgumentException>(() => Gpu.Unary(op, Values(1, dtype, 3).OnGpu(), EmptyGpu(dtype, 3)));
                    continue;
                }
                var x = Values(11, dtype, 17);
                if (dtype.IsFloat())
                    x = Tensor.Concat([Tensor.FromArray(new[] { double.NaN, -0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, 0.5, -0.5, 3 }).AsType(dtype),
                        op is UnaryOp.Log or UnaryOp.Sqrt ? x.Abs() : x]);
                var (c, g) = (EmptyCpu(dtype, x.Shape), EmptyGpu(dtype, x.Shape));
                Cpu.Unary(op, x, c);
                Gpu.Unary(op, x.OnGpu(), g);
                Check(dtype, c, g);
            }
    }

    [Fact]
    public void Compare_matches_with_nan_and_broadcasting()
    {
        foreach (var dtype in Numbers)
            foreach (var op in Enum.GetValues<CompareOp>())
            {
                var a = dtype.IsFloat() ? Tensor.FromArray(new[] { double.NaN, 1, -0.0, 2, 3, 1 }).AsType(dtype).Reshape(2, 3) : RandInt(12, -2, 2, dtype, 2, 3);
                var b = dtype.IsFloat() ? Tensor.FromArray(new[] { 1, 0.0, double.NaN }).AsType(dtype) : RandInt(13, -2, 2, dtype, 3);
                var (c, g) = (EmptyCpu(DType.Bool, 2, 3), EmptyGpu(DType.Bool, 2, 3));
                Cpu.Compare(op, a, b, c);
                Gpu.Compare(op, a.OnGpu(), b.OnGpu(), g);
                Same(c, g);
            }
    }

    [Fact]
    public void Select_broadcasts_all_three()
    {
        var cond = Values(14, DType.Bool, 3, 1);
        foreach (var dtype in All)
        {
            var (x, y) = (Values(15, dtype, 1, 4), Values(16, dtype, 4, 3));
            var (c, g) = (EmptyCpu(dtype, 3, 4), EmptyGpu(dtype, 3, 4));
            Cpu.Select(cond, x, y.T, c);
            Gpu.Select(cond.OnGpu(), x.OnGpu(), y.OnGpu().T, g);
            Same(c, g);
        }
    }

    [Fact]
    public void TakeRows_gathers_rows()
    {
        foreach (var dtype in All)
        {
            var src = Values(17, dtype, 5, 2, 3);
            int[] idx = [4, 0, 0, 2];
            var (c, g) = (EmptyCpu(dtype, 4, 2, 3), EmptyGpu(dtype, 4, 2, 3));
            Cpu.TakeRows(src, idx, c);
            Gpu.TakeRows(src.OnGpu(), idx, g);
            Same(c, g);
        }
    }

    [Fact]
    public void Fused_activations_match()
    {
        foreach (var dtype in Floats)
        {
            var (gy, s) = (Values(18, dtype, 3, 17), Values(19, dtype, 3, 17));
            foreach (var op in Enum.GetValues<FusedActivation>())
                Check(dtype, Cpu.ActivationGrad(op, gy, s), Gpu.ActivationGrad(op, gy.OnGpu(), s.OnGpu()));
            Check(dtype, Cpu.Sigmoid(s), Gpu.Sigmoid(s.OnGpu()));
        }
    }

    private static void Check(DType dtype, Tensor expected, Tensor actual)
    {
        if (dtype.IsFloat()) Close(expected, actual, dtype == DType.Float32 ? 1e-6 : 1e-12);
        else Same(expected, actual);
    }
}
