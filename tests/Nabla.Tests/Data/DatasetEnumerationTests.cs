using Nabla.Data;
using Nabla.Tensors;
using Xunit;

namespace Nabla.Tests.Data;

/// <summary>Datasets as read-only lists: a length, enumeration in order with the transforms, LINQ.</summary>
public class DatasetEnumerationTests
{
    [Fact]
    public void EnumeratesEveryExampleInOrderWithTheTransforms()
    {
        var x = Tensor.Arange(0, 6, 1, DType.Float64).Reshape(3, 2);
        var t = Tensor.FromArray(new long[] { 0, 1, 2 });
        var data = new TensorDataset(x, t);
        IReadOnlyList<(Tensor x, Tensor t)> list = data;
        Assert.Equal(3, list.Count);
        var firsts = data.Select(e => e.x.GetDouble(0)).ToArray();
        Assert.Equal(new double[] { 0, 2, 4 }, firsts);
        int i = 0;
        foreach (var (xi, ti) in data)
        {
            Assert.Equal(i, ti.AsType(DType.Int64).ToArray<long>()[0]);
            Assert.Equal(2 * i + 1, xi.GetDouble(1));
            i++;
        }
        Assert.Equal(3, i);
    }
}
