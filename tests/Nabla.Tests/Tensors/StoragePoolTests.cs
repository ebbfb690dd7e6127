using Nabla.Autodiff;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The pool of large storage arrays: what it takes back, what it hands out again, that it does not keep idle
/// arrays from the collector, and that the temporaries the convolution kernels give back never show up inside results. In the collection that runs alone, since the pool
/// is shared by the whole process.
/// </summary>
[Collection("SimdLevel")]
public class StoragePoolTests
{
    private const int Large = 100_003;

    [Fact]
    public void ReturnedLargeArray_IsHandedOutAgainForTheSameLength()
    {
        var t = Tensor.EmptyUninitialized(DType.Float32, [Large]);
        var storage = t.Storage;
        StoragePool.Return(t);
        var again = StoragePool.Rent<float>(Large);
        Assert.Same(storage, again);
        Assert.NotSame(storage, StoragePool.Rent<float>(Large));
        Assert.Equal(Large + 1, StoragePool.Rent<float>(Large + 1).Length);
    }

    [Fact]
    public void SmallArraysViewsAndOtherTypes_AreNotTakenBack()
    {
        var small = Tensor.EmptyUninitialized(DType.Float32, [1000]);
        StoragePool.Return(small);
        Assert.NotSame(small.Storage, StoragePool.Rent<float>(1000));

        var whole = Tensor.EmptyUninitialized(DType.Float32, [2, Large]);
        var half = whole.Narrow(0, 1, 1);
        StoragePool.Return(half);
        Assert.NotSame(whole.Storage, StoragePool.Rent<float>(2 * Large));

        var doubles = Tensor.EmptyUninitialized(DType.Float64, [Large]);
        StoragePool.Return(doubles);
        Assert.NotSame(doubles.Storage, StoragePool.Rent<long>(Large));
        Assert.Same(doubles.Storage, StoragePool.Rent<double>(Large));
    }

    [Fact]
    public void AtMostSixteenArraysOfALengthAreKept()
    {
        var tensors = Enumerable.Range(0, 18).Select(_ => Tensor.EmptyUninitialized(DType.Float32, [Large + 7])).ToArray();
        foreach (var t in tensors) StoragePool.Return(t);
        var kept = new HashSet<Array>(ReferenceEqualityComparer.Instance);
        foreach (var t in tensors) kept.Add((Array)t.Storage);
        int reused = 0;
        for (int i = 0; i < 18; i++)
            if (kept.Contains(StoragePool.Rent<float>(Large + 7))) reused++;
        // The arrays are still referenced here, so a collection in between cannot take them; exactly 16 come back.
        Assert.Equal(16, reused);
    }

    [Fact]
    public void PooledArrays_AreFreedByAFullCollection()
    {
        var weak = GiveBack();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.TryGetTarget(out _), "the pool kept an idle array alive through a full collection");
        // The pool then simply allocates anew.
        Assert.Equal(Large + 11, StoragePool.Rent<float>(Large + 11).Length);
    }

    private static WeakReference<Array> GiveBack()
    {
        var t = Tensor.EmptyUninitialized(DType.Float32, [Large + 11]);
        StoragePool.Return(t);
        return new WeakReference<Array>((Array)t.Storage);
    }

    [Fact]
    public void ConvolutionTemporaries_NeverLeakIntoResults()
    {
        var gen = new Generator(4);
        var x = Tensor.Randn(gen, 16, 3, 20, 20);
        var w = Tensor.Randn(gen, 6, 3, 3, 3);
        var b = Tensor.Randn(gen, 6);
        Tensor Run()
        {
            var xv = new Variable(x);
            var wv = new Variable(w);
            var y = F.Conv2d(xv, wv, new Variable(b), pad: 1);
            F.Sum(y * y).Backward();
            return Tensor.Concat([y.Data.Reshape(-1), xv.Grad!.Data.Reshape(-1), wv.Grad!.Data.Reshape(-1)]);
        }
        var first = Run();
        var copy = first.Copy();
        // Later runs reuse the arrays the first gave back; the first's results must stay as they were.
        for (int i = 0; i < 3; i++) Assert.True(Tensor.ArrayEqual(copy, Run()));
        Assert.True(Tensor.ArrayEqual(copy, first));
    }
}
