using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>Broadcast views are read-only, as in NumPy: every write path refuses them, and their sub-views too.</summary>
public class ReadOnlyViewTests
{
    private static Tensor Broadcast() => Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }).BroadcastTo(2, 3);

    [Fact]
    public void EveryWritePathRefusesABroadcastView()
    {
        var b = Broadcast();
        Assert.True(b.IsReadOnly);
        Action[] writes =
        [
            () => b.Set(5.0, 0, 0),
            () => b.SetDouble(5.0, 0, 0),
            () => b.Fill(0),
            () => b.Assign(Tensor.Zeros(DType.Float64, 2, 3)),
            () => b.AddInPlace(Tensor.Ones(DType.Float64, 2, 3)),
            () => b[0] = Tensor.Scalar(7.0),
            () => b[0].Assign(Tensor.Scalar(7.0)),
            () => b[new[] { 1 }] = Tensor.Scalar(7.0),
            () => b.AddAt(Tensor.Scalar(1.0), 0),
        ];
        foreach (var write in writes)
        {
            var ex = Assert.Throws<InvalidOperationException>(write);
            Assert.Contains("read-only broadcast view of shape", ex.Message);
        }
    }

    [Fact]
    public void TheSourceIsUntouchedAndACopyIsWritable()
    {
        var source = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 });
        var b = source.BroadcastTo(2, 3);
        try { b[1, 0] = Tensor.Scalar(9.0); } catch (InvalidOperationException) { }
        Assert.Equal([1.0, 2.0, 3.0], source.ToArray<double>());
        var copy = b.Copy();
        Assert.False(copy.IsReadOnly);
        copy[1, 0] = Tensor.Scalar(9.0);
        Assert.Equal([1.0, 2.0, 3.0, 9.0, 2.0, 3.0], copy.ToArray<double>());
        Assert.False(source.IsReadOnly);
        Assert.False(source.T.IsReadOnly);
    }
}
