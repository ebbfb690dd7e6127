using System.Security.Cryptography;
using Nabla.Data;
using Nabla.Tensors;
using Nabla.Tests.IO;

namespace Nabla.Tests.Data;

/// <summary>MNIST-format reading: the shipped 10k digits, raw and gzipped IDX files, and malformed files.</summary>
public class MnistTests
{
    [Fact]
    public void ShippedDigitsLoadWithDeZerosTransform()
    {
        var train = new Mnist(train: true);
        Assert.Equal(8000, train.Count);
        Assert.Equal([8000, 1, 28, 28], train.Data.Shape);
        Assert.Equal(DType.Float32, train.Data.DType);
        Assert.Equal(DType.Int64, train.Labels.DType);
        Assert.Equal(255.0, train.Data.Max().Item());
        Assert.Equal(0.0, train.Data.Min().Item());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), train.Labels.ToArray<long>().Distinct().Order());
        var (x, t) = train[0];
        Assert.Equal([784], x.Shape);
        Assert.InRange(x.Max().Item(), 0.99, 1.0);
        Assert.Equal(DType.Int64, t.DType);
        Assert.Equal(2000, new Mnist(train: false).Count);
        Assert.Equal(10, Mnist.ClassNames.Count);
    }

    [Fact]
    public void ShippedFilesMatchTheSumsInTheirReadme()
    {
        var dir = Path.Combine(FindRepositoryData(), "mnist-10k");
        var sums = File.ReadAllLines(Path.Combine(dir, "README.md"))
            .Select(l => l.Split("  ", StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2 && p[0].Length == 64)
            .ToDictionary(p => p[1], p => p[0]);
        Assert.Equal(4, sums.Count);
        foreach (var (file, sum) in sums)
            Assert.Equal(sum, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, file)))).ToLowerInvariant());
    }

    private static string FindRepositoryData()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, "data", "mnist-10k"))) return Path.Combine(d.FullName, "data");
        throw new DirectoryNotFoundException("data/mnist-10k");
    }

    [Fact]
    public void RawAndGzippedFilesGiveTheSameData()
    {
        using var gz = new TempDirectory();
        using var raw = new TempDirectory();
        IdxFiles.WriteSplit(gz.Path, "t10k", 12, gzip: true);
        IdxFiles.WriteSplit(raw.Path, "t10k", 12, gzip: false);
        var a = new Mnist(train: false, directory: gz.Path) { Transform = null };
        var b = new FashionMnist(train: false, directory: raw.Path) { Transform = null };
        Assert.True(Tensor.ArrayEqual(a.Data, b.Data));
        Assert.True(Tensor.ArrayEqual(a.Labels, b.Labels));
        Assert.Equal([12, 1, 28, 28], a.Data.Shape);
        Assert.Equal((5 * 31 + 100) % 256, a[5].x.Get<float>(0, 100 / 28, 100 % 28));
        Assert.Equal(7, a[7].t.Item());
        Assert.Equal("Sandal", FashionMnist.ClassNames[5]);
    }

    private static InvalidDataException Fails(string dir, string fileName, byte[] contents, bool train = false)
    {
        File.WriteAllBytes(Path.Combine(dir, fileName), contents);
        var e = Assert.Throws<InvalidDataException>(() => new Mnist(train, dir));
        Assert.Contains(fileName, e.Message);
        return e;
    }

    [Fact]
    public void MalformedFilesAreRefusedNamingTheFile()
    {
        using var dir = new TempDirectory();
        IdxFiles.WriteSplit(dir.Path, "t10k", 4, gzip: false);
        var (images, labels) = IdxFiles.Digits(4);
        const string imageFile = "t10k-images-idx3-ubyte";
        const string labelFile = "t10k-labels-idx1-ubyte";
        Assert.Contains("magic number 0x00000801, expected 0x00000803", Fails(dir.Path, imageFile, labels).Message);
        Assert.Contains("truncated", Fails(dir.Path, imageFile, images[..^1]).Message);
        Assert.Contains("trailing", Fails(dir.Path, imageFile, [.. images, 0]).Message);
        Assert.Contains("too short", Fails(dir.Path, imageFile, images[..10]).Message);
        File.WriteAllBytes(Path.Combine(dir.Path, imageFile), images);
        Assert.Contains("4 images but", Fails(dir.Path, labelFile, IdxFiles.Bytes([1, 2, 3], 3)).Message);
        Assert.Contains("label 12 at index 1", Fails(dir.Path, labelFile, IdxFiles.Bytes([1, 12, 3, 4], 4)).Message);
        var floats = (byte[])labels.Clone();
        floats[2] = 0x0D;
        Assert.Contains("0x00000D01", Fails(dir.Path, labelFile, floats).Message);
    }

    [Fact]
    public void CorruptGzipAndMissingFilesAreReported()
    {
        using var dir = new TempDirectory();
        IdxFiles.WriteSplit(dir.Path, "train", 3, gzip: true);
        var e = Fails(dir.Path, "train-labels-idx1-ubyte.gz", "not gzip at all, just text"u8.ToArray(), train: true);
        Assert.Contains("gzip", e.Message);

        using var empty = new TempDirectory();
        var missing = Assert.Throws<FileNotFoundException>(() => new Mnist(train: true, directory: empty.Path));
        Assert.Contains("train-images-idx3-ubyte", missing.Message);
        Assert.Contains(empty.Path, missing.Message);

        // Fashion-MNIST is not shipped: without a directory or a download there is nowhere to look.
        var none = Assert.Throws<DirectoryNotFoundException>(() => new FashionMnist());
        Assert.Contains("data/fashion-mnist", none.Message);
    }
}
