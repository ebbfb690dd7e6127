using Nabla.Data;
using Nabla.Data.Transforms;
using Nabla.Tensors;

namespace Nabla.Tests.Data;

/// <summary>Dataset indexing, transforms and batch gathering.</summary>
public class DatasetTests
{
    internal static TensorDataset Numbered(int n, int features = 3) =>
        new(Tensor.Arange(0, n * features, 1, DType.Float32).Reshape(n, features), Tensor.Arange(n));

    /// <summary>A dataset computed per example, which uses the base class's stacking GetBatch.</summary>
    private sealed class Squares(int n) : Dataset
    {
        public override int Count => n;

        protected override (Tensor x, Tensor t) GetExample(int index) =>
            (Tensor.FromArray(new[] { (double)index }), Tensor.Scalar(index * index, DType.Int64));
    }

    [Fact]
    public void TensorDatasetIndexesExamples()
    {
        var ds = Numbered(4);
        Assert.Equal(4, ds.Count);
        var (x, t) = ds[2];
        Assert.Equal(new float[] { 6, 7, 8 }, x.ToArray<float>());
        Assert.Equal(2, t.Item());
        Assert.Contains("index 4 is out of range for 4", Assert.Throws<IndexOutOfRangeException>(() => ds[4]).Message);
        Assert.Throws<IndexOutOfRangeException>(() => ds[-1]);
    }

    [Fact]
    public void TransformsApplyToExamplesAndBatchesAlike()
    {
        var ds = Numbered(5);
        ds.Transform = new Normalize(1, 2);
        ds.TargetTransform = new AsType(DType.Float64);
        var (x, t) = ds[1];
        Assert.Equal(new float[] { 1, 1.5f, 2 }, x.ToArray<float>());
        Assert.Equal(DType.Float64, t.DType);
        var (bx, bt) = ds.GetBatch([3, 1]);
        Assert.Equal([2, 3], bx.Shape);
        Assert.True(Tensor.ArrayEqual(Tensor.Stack([ds[3].x, ds[1].x]), bx));
        Assert.Equal(new[] { 3.0, 1.0 }, bt.ToArray<double>());
    }

    [Fact]
    public void BaseClassStacksExamples()
    {
        var ds = new Squares(6) { Transform = (Func<Tensor, Tensor>)(x => x + 0.5) };
        var (x, t) = ds.GetBatch([5, 0, 2]);
        Assert.Equal([3, 1], x.Shape);
        Assert.Equal(new[] { 5.5, 0.5, 2.5 }, x.ToArray<double>());
        Assert.Equal(new long[] { 25, 0, 4 }, t.ToArray<long>());
        Assert.Throws<ArgumentException>(() => ds.GetBatch([]));
        Assert.Throws<IndexOutOfRangeException>(() => ds.GetBatch([6]));
    }

    [Fact]
    public void TensorDatasetChecksItsArrays()
    {
        var e = Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Zeros(3, 2), Tensor.Zeros(4)));
        Assert.Contains("3 examples but labels have 4", e.Message);
        Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Scalar(1.0), Tensor.Zeros(1)));
        Assert.Throws<IndexOutOfRangeException>(() => Numbered(3).GetBatch([0, 3]));
        var transposed = new TensorDataset(Tensor.Arange(6).Reshape(3, 2).T, Tensor.Arange(2));
        Assert.Equal(new long[] { 1, 3, 5 }, transposed.GetBatch([1]).x.ToArray<long>());
    }
}
