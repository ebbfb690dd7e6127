using Nabla.Data.Transforms;
using Nabla.Tensors;

namespace Nabla.Tests.Data;

/// <summary>Each transform on one example, and its batched form against stacking the per-example results.</summary>
public class TransformTests
{
    private static Tensor Images(int n, int c, int h, int w) =>
        Tensor.Arange(0, n * c * h * w, 1, DType.Float32).Reshape(n, c, h, w);

    /// <summary>ApplyBatch must give what applying to each example and stacking gives.</summary>
    private static void AssertBatchMatchesExamples(Func<Transform> make, Tensor batch)
    {
        var perExample = make();
        var stacked = Tensor.Stack(Enumerable.Range(0, batch.Dim(0)).Select(i => perExample.Apply(batch[i])).ToArray());
        var batched = make().ApplyBatch(batch);
        Assert.Equal(stacked.DType, batched.DType);
        Assert.True(Tensor.ArrayEqual(stacked, batched), $"{make().GetType().Name}: batch {batched} != examples {stacked}");
    }

    [Fact]
    public void FlattenAndAsType()
    {
        var x = Images(1, 1, 2, 3)[0];
        Assert.Equal([6], new Flatten().Apply(x).Shape);
        Assert.Equal([4, 6], new Flatten().ApplyBatch(Images(4, 1, 2, 3)).Shape);
        Assert.Equal([4, 1], new Flatten().ApplyBatch(Tensor.Arange(4)).Shape);
        Assert.Equal(DType.Float64, new AsType(DType.Float64).Apply(x).DType);
        Assert.Equal(DType.Float32, new AsType().Apply(Tensor.Arange(3)).DType);
        Assert.Equal(DType.Int64, new ToInt().Apply(x).DType);
        Assert.Equal(new long[] { 2, -1 }, new ToInt().Apply(Tensor.FromArray(new[] { 2.7, -1.5 })).ToArray<long>());
        Assert.Throws<ArgumentException>(() => new ToInt(DType.Float32));
        AssertBatchMatchesExamples(() => new Flatten(), Images(3, 2, 2, 2));
        AssertBatchMatchesExamples(() => new AsType(DType.Int32), Images(3, 2, 2, 2));
    }

    [Fact]
    public void NormalizeScalarAndPerChannel()
    {
        var x = Tensor.FromArray(new float[] { 0, 127.5f, 255 });
        Assert.Equal(new float[] { 0, 0.5f, 1 }, new Normalize(0, 255).Apply(x).ToArray<float>());
        Assert.Equal(DType.Float32, new Normalize(1, 2).Apply(Tensor.Arange(3)).DType);
        var img = Images(1, 2, 1, 2)[0]; // channels [0, 1] and [2, 3]
        var y = new Normalize([1, 2], [1, 0.5]).Apply(img);
        Assert.Equal(new float[] { -1, 0, 0, 2 }, y.ToArray<float>());
        AssertBatchMatchesExamples(() => new Normalize([1, 2], [2, 4]), Images(3, 2, 2, 2));
        AssertBatchMatchesExamples(() => new Normalize(3, 7), Images(3, 2, 2, 2));
        var e = Assert.Throws<ArgumentException>(() => new Normalize([1, 2, 3], [1, 1, 1]).Apply(img));
        Assert.Contains("(2,1,2)", e.Message);
        Assert.Throws<ArgumentException>(() => new Normalize(0, 0));
        Assert.Throws<ArgumentException>(() => new Normalize([1, 2], [1]));
    }

    [Fact]
    public void ComposeAppliesInOrder()
    {
        var t = new Compose(new Flatten(), new AsType(DType.Float64), new Normalize(1, 2));
        var y = t.Apply(Images(1, 1, 2, 2)[0]);
        Assert.Equal(DType.Float64, y.DType);
        Assert.Equal(new[] { -0.5, 0, 0.5, 1 }, y.ToArray<double>());
        AssertBatchMatchesExamples(() => new Compose(new Flatten(), new Normalize(0, 255)), Images(5, 1, 3, 3));
        Assert.Throws<ArgumentNullException>(() => new Compose(new Flatten(), null!));
    }

    [Fact]
    public void FuncsAreTransforms()
    {
        // C# converts a Func (not a bare lambda) to a Transform; Transform.FromFunc takes a lambda directly.
        Func<Tensor, Tensor> twice = x => x * 2;
        Transform t = twice;
        Assert.Equal(new float[] { 2, 4 }, t.Apply(Tensor.FromArray(new float[] { 1, 2 })).ToArray<float>());
        AssertBatchMatchesExamples(() => Transform.FromFunc(x => x.Sum()), Images(3, 1, 2, 2));
    }

    [Fact]
    public void RandomHorizontalFlipIsSeededAndBatchesAgree()
    {
        var x = Images(1, 1, 2, 3)[0];
        Assert.Equal(new float[] { 2, 1, 0, 5, 4, 3 }, new RandomHorizontalFlip(1.0).Apply(x).ToArray<float>());
        Assert.Same(x, new RandomHorizontalFlip(0.0).Apply(x));
        var batch = Images(64, 1, 2, 3);
        AssertBatchMatchesExamples(() => new RandomHorizontalFlip(0.5, new Generator(7)), batch);
        var flipped = new RandomHorizontalFlip(0.5, new Generator(7)).ApplyBatch(batch);
        int count = Enumerable.Range(0, 64).Count(i => flipped.Get<float>(i, 0, 0, 0) != batch.Get<float>(i, 0, 0, 0));
        Assert.InRange(count, 16, 48);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomHorizontalFlip(1.5));
    }

    [Fact]
    public void CenterCropTakesTheMiddleAsDeZero()
    {
        var x = Images(1, 1, 4, 5)[0]; // rows of 5: 0..4, 5..9, 10..14, 15..19
        var y = new CenterCrop(2, 2).Apply(x);
        Assert.Equal([1, 2, 2], y.Shape);
        Assert.Equal(new float[] { 6, 7, 11, 12 }, y.ToArray<float>());
        Assert.Equal(new float[] { 1, 2, 3, 6, 7, 8, 11, 12, 13, 16, 17, 18 }, new CenterCrop(4, 3).Apply(x).ToArray<float>());
        AssertBatchMatchesExamples(() => new CenterCrop(3), Images(2, 3, 5, 5));
        Assert.Contains("larger than the image", Assert.Throws<ArgumentException>(() => new CenterCrop(5, 5).Apply(x)).Message);
        Assert.Throws<ArgumentException>(() => new CenterCrop(1).Apply(Tensor.Ones(3)));
    }
}
