using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Autodiff;

/// <summary>
/// The graph bookkeeping made cheaper for small graphs: functions hold a single output directly, backward
/// passes reuse their queue, operators inside NoGrad skip the Function objects, and scalars are made in
/// their dtype directly. Each shortcut must behave exactly as the long way did.
/// </summary>
public class LeanGraphTests
{
    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    [InlineData(DType.Bool)]
    public void Scalar_ConvertsAsAsTypeDoes(DType dtype)
    {
        foreach (double v in new[] { 0.0, -0.0, 1.5, -2.7, 1e20, -1e20, double.NaN, double.PositiveInfinity, 3.4028235677973366e38, 1e-46 })
        {
            var direct = Tensor.Scalar(v, dtype);
            var converted = Tensor.FromArray(new[] { v }).Reshape().AsType(dtype);
            Assert.Equal(dtype, direct.DType);
            Assert.Empty(direct.Shape);
            Assert.Equal(BitConverter.DoubleToInt64Bits(converted.GetDouble()), BitConverter.DoubleToInt64Bits(direct.GetDouble()));
        }
    }

    [Fact]
    public void OperatorsInsideNoGrad_RecordNothingAndCannotBackprop()
    {
        var a = new Variable(Tensor.FromArray(new[] { 1.0, 2.0 }));
        var b = new Variable(Tensor.FromArray(new[] { 3.0, 5.0 }));
        using (Config.NoGrad())
        {
            foreach (var v in new[] { a + b, a - b, a * b, a / b, -a, a * 2.0, 2.0 - a, a + b.Data, b.Data / a })
            {
                Assert.Null(v.Creator);
                Assert.Throws<InvalidOperationException>(() => v.Backward());
            }
            Assert.Equal([4.0, 7.0], (a + b).Data.ToArray<double>());
            Assert.Equal([1 / 3.0, 2 / 5.0], (a / b).Data.ToArray<double>());
            Assert.Equal([-1.0, -2.0], (-a).Data.ToArray<double>());
            var e = Assert.Throws<ArgumentException>(() => a + new Variable(Tensor.Zeros(DType.Float64, 3)));
            Assert.Equal("Add: cannot broadcast (2,) with (3,)", e.Message);
        }
    }

    [Fact]
    public void OperatorsInsideNoGrad_StillCarryTangents()
    {
        var x = new Variable(Tensor.FromArray(new[] { 2.0, 3.0 })) { Tangent = Tensor.FromArray(new[] { 1.0, 0.5 }) };
        var c = new Variable(Tensor.FromArray(new[] { 4.0, 4.0 }));
        using (Config.NoGrad())
        {
            Assert.Equal([4.0, 3.0], (x * x).Tangent!.ToArray<double>());
            Assert.Equal([4.0, 2.0], (c * x).Tangent!.ToArray<double>());
            Assert.Equal([-1.0, -0.5], (c - x).Tangent!.ToArray<double>());
            Assert.Equal([-1.0, -0.5], (-x).Tangent!.ToArray<double>());
        }
    }

    [Fact]
    public void NullOperands_StillThrowArgumentNull()
    {
        var a = new Variable(Tensor.Ones(2));
        using (Config.NoGrad())
        {
            Assert.Throws<ArgumentNullException>(() => a + (Variable)null!);
            Assert.Throws<ArgumentNullException>(() => (Variable)null! * a);
        }
    }

    [Fact]
    public void FunctionKeepsItsSingleOutputAlive()
    {
        var x = new Variable(Tensor.FromArray(new[] { 0.5, -1.0 }));
        var f = new Nabla.Functions.Tanh();
        WeakReference<Variable> Run() => new(f.Call(x));
        var weak = Run();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.True(weak.TryGetTarget(out var y));
        Assert.Same(f, y!.Creator);
    }

    [Fact]
    public void BackwardInsideBackward_UsesItsOwnQueue()
    {
        var inner = new Variable(Tensor.FromArray(new[] { 3.0 }));
        var x = new Variable(Tensor.FromArray(new[] { 2.0 }));
        var y = new NestedBackward(inner).Call(x) * x;
        y.Backward();
        // d(x * x)/dx = 2x, and the nested pass gave d(inner^2)/d(inner) = 2 * inner.
        Assert.Equal(4.0, x.Grad!.Data.Item());
        Assert.Equal(6.0, inner.Grad!.Data.Item());
    }

    [Fact]
    public void ManyFunctions_EachVisitedOnce()
    {
        var x = new Variable(Tensor.FromArray(new[] { 1.0 }));
        var y = x;
        for (int i = 0; i < 5000; i++) y = y + x * 0.0;
        // A diamond at every step: x feeds both the chain and each product; x's gradient is exactly 1.
        F.Sum(y * 3.0).Backward();
        Assert.Equal(3.0, x.Grad!.Data.Item());
    }

    /// <summary>The identity, whose backward runs a whole backward pass of another graph.</summary>
    private sealed class NestedBackward(Variable inner) : Function
    {
        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Copy()];

        protected internal override Variable?[] Backward(Variable[] gys)
        {
            using (Config.EnableGrad())
            {
                inner.ClearGrad();
                (inner * inner).Backward();
            }
            return [gys[0]];
        }

        protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [txs[0]];
    }
}
