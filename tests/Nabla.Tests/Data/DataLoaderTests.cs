using Nabla.Data;
using Nabla.Tensors;

namespace Nabla.Tests.Data;

/// <summary>Mini-batching: coverage of every example per epoch, seeded reshuffling, partial batches, sequences.</summary>
public class DataLoaderTests
{
    private static long[] Labels(IEnumerable<(Tensor x, Tensor t)> epoch) => epoch.SelectMany(b => b.t.ToArray<long>()).ToArray();

    [Fact]
    public void EachEpochVisitsEveryExampleOnceInANewOrder()
    {
        var ds = DatasetTests.Numbered(10);
        var loader = new DataLoader(ds, 3, shuffle: true, new Generator(5));
        Assert.Equal(4, loader.BatchCount);
        var first = Labels(loader);
        var second = Labels(loader);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), first.Order());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), second.Order());
        Assert.NotEqual(first, second);
        Assert.Equal(new[] { 3, 3, 3, 1 }, loader.Select(b => b.x.Dim(0)));
        // x and t stay paired: row i of the data is 3i, 3i+1, 3i+2.
        foreach (var (x, t) in loader)
            Assert.Equal(t.ToArray<long>().Select(i => (float)(3 * i)), x[.., 0].ToArray<float>());
    }

    [Fact]
    public void TheSameSeedGivesTheSameBatches()
    {
        var ds = DatasetTests.Numbered(20);
        var a = new DataLoader(ds, 4, generator: new Generator(11));
        var b = new DataLoader(ds, 4, generator: new Generator(11));
        for (int epoch = 0; epoch < 3; epoch++) Assert.Equal(Labels(a), Labels(b));
        Assert.NotEqual(Labels(new DataLoader(ds, 4, generator: new Generator(12))), Labels(new DataLoader(ds, 4, generator: new Generator(11))));
    }

    [Fact]
    public void WithoutShuffleBatchesAreInOrder()
    {
        var loader = new DataLoader(DatasetTests.Numbered(7), 2, shuffle: false);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), Labels(loader));
        Assert.Equal(Labels(loader), Labels(loader));
    }

    [Fact]
    public void DropLastLeavesOutThePartialBatch()
    {
        var loader = new DataLoader(DatasetTests.Numbered(10), 3, dropLast: true);
        Assert.Equal(3, loader.BatchCount);
        Assert.All(loader, b => Assert.Equal(3, b.x.Dim(0)));
        Assert.Equal(9, Labels(loader).Distinct().Count());
        Assert.Empty(new DataLoader(DatasetTests.Numbered(2), 3, dropLast: true));
    }

    [Fact]
    public void IterationCountsBatchesAndAnAbandonedEpochStartsOver()
    {
        var loader = new DataLoader(DatasetTests.Numbered(10), 4, shuffle: false);
        Assert.Equal(0, loader.Iteration);
        foreach (var _ in loader)
        {
            Assert.Equal(1, loader.Iteration);
            break;
        }
        Assert.Equal(3, loader.Count());
        int seen = 0;
        foreach (var _ in loader) Assert.Equal(++seen, loader.Iteration);
        Assert.Equal(0, loader.Iteration);
        loader.Reset();
        Assert.Equal(0, loader.Iteration);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(DatasetTests.Numbered(3), 0));
        Assert.Throws<ArgumentNullException>(() => new DataLoader(null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeqDataLoader(DatasetTests.Numbered(3), -1));
    }

    [Fact]
    public void SeqDataLoaderWalksParallelStreamsAsDeZero()
    {
        var ds = DatasetTests.Numbered(10, features: 1);
        var loader = new SeqDataLoader(ds, 3);
        Assert.Equal(4, loader.BatchCount);
        // jump = 10 / 3 = 3: iteration i takes (0*3 + i, 1*3 + i, 2*3 + i) % 10.
        var batches = loader.Select(b => b.t.ToArray<long>()).ToArray();
        Assert.Equal(new long[][] { [0, 3, 6], [1, 4, 7], [2, 5, 8], [3, 6, 9] }, batches);
        var last = loader.Last().x;
        Assert.Equal([3, 1], last.Shape);
        Assert.Equal(new float[] { 3, 6, 9 }, last.ToArray<float>());
        // Indices wrap around the end of the series: jump = 6 / 4 = 1.
        var wrapping = new SeqDataLoader(DatasetTests.Numbered(6), 4);
        Assert.Equal(2, wrapping.BatchCount);
        Assert.Equal(new[] { 5, 0, 1, 2 }, wrapping.Indices(5));
    }

    [Fact]
    public void LoadsAnMnistEpochInWholeBatches()
    {
        var mnist = new Mnist(train: true);
        var loader = new DataLoader(mnist, 100, generator: new Generator(1));
        Assert.Equal(80, loader.BatchCount);
        int n = 0;
        foreach (var (x, t) in loader)
        {
            Assert.Equal([100, 784], x.Shape);
            Assert.Equal(DType.Float32, x.DType);
            Assert.Equal([100], t.Shape);
            n += x.Dim(0);
        }
        Assert.Equal(8000, n);
    }
}
