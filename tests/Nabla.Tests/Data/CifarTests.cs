using Nabla.Data;
using Nabla.Tests.IO;

namespace Nabla.Tests.Data;

/// <summary>The binary CIFAR-10 and CIFAR-100 formats, on small files written here.</summary>
public class CifarTests
{
    private const int Pixels = 3072;

    /// <summary>Records of label bytes then pixels; pixel k of record r is (r * 13 + k) % 256.</summary>
    private static byte[] Records(int firstRecord, params byte[][] labels)
    {
        var bytes = new List<byte>();
        for (int r = 0; r < labels.Length; r++)
        {
            bytes.AddRange(labels[r]);
            for (int k = 0; k < Pixels; k++) bytes.Add((byte)(((firstRecord + r) * 13 + k) % 256));
        }
        return bytes.ToArray();
    }

    private static void WriteCifar10(string dir)
    {
        for (int b = 1; b <= 5; b++) File.WriteAllBytes(Path.Combine(dir, $"data_batch_{b}.bin"), Records(2 * (b - 1), [(byte)b], [(byte)(b + 4)]));
        File.WriteAllBytes(Path.Combine(dir, "test_batch.bin"), Records(0, [9], [0], [3]));
    }

    [Fact]
    public void Cifar10ReadsAllBatchesInOrder()
    {
        using var dir = new TempDirectory();
        WriteCifar10(dir.Path);
        var train = new Cifar10(dir.Path);
        Assert.Equal([10, 3, 32, 32], train.Data.Shape);
        Assert.Equal(new long[] { 1, 5, 2, 6, 3, 7, 4, 8, 5, 9 }, train.Labels.ToArray<long>());
        // Record 7, channel 1 (green), row 2, column 5: byte 1024 + 2 * 32 + 5 of its pixels.
        Assert.Equal((7 * 13 + 1024 + 69) % 256, train.Data.Get<float>(7, 1, 2, 5));
        var (x, _) = train[7];
        Assert.Equal([3, 32, 32], x.Shape);
        Assert.InRange(x.Max().Item(), 0.99, 1.0);
        Assert.Equal(new long[] { 9, 0, 3 }, new Cifar10(dir.Path, train: false).Labels.ToArray<long>());
        Assert.Equal("truck", Cifar10.ClassNames[9]);
    }

    [Fact]
    public void Cifar10FindsTheUnpackedArchiveFolder()
    {
        using var dir = new TempDirectory();
        var nested = Directory.CreateDirectory(Path.Combine(dir.Path, "cifar-10-batches-bin")).FullName;
        WriteCifar10(nested);
        Assert.Equal(3, new Cifar10(dir.Path, train: false).Count);
    }

    [Fact]
    public void Cifar10RefusesBadFiles()
    {
        using var dir = new TempDirectory();
        WriteCifar10(dir.Path);
        File.WriteAllBytes(Path.Combine(dir.Path, "test_batch.bin"), Records(0, [1])[..^1]);
        var e = Assert.Throws<InvalidDataException>(() => new Cifar10(dir.Path, train: false));
        Assert.Contains("test_batch.bin", e.Message);
        Assert.Contains("3073-byte record", e.Message);
        File.WriteAllBytes(Path.Combine(dir.Path, "test_batch.bin"), Records(0, [1], [10]));
        Assert.Contains("label 10 in record 1", Assert.Throws<InvalidDataException>(() => new Cifar10(dir.Path, train: false)).Message);
        File.Delete(Path.Combine(dir.Path, "data_batch_4.bin"));
        Assert.Contains("data_batch_4.bin", Assert.Throws<FileNotFoundException>(() => new Cifar10(dir.Path)).Message);
    }

    [Fact]
    public void Cifar100HasFineAndCoarseLabels()
    {
        using var dir = new TempDirectory();
        var nested = Directory.CreateDirectory(Path.Combine(dir.Path, "cifar-100-binary")).FullName;
        File.WriteAllBytes(Path.Combine(nested, "train.bin"), Records(0, [3, 99], [19, 0]));
        File.WriteAllBytes(Path.Combine(nested, "test.bin"), Records(0, [20, 5]));
        var fine = new Cifar100(dir.Path);
        Assert.Equal([2, 3, 32, 32], fine.Data.Shape);
        Assert.Equal(new long[] { 99, 0 }, fine.Labels.ToArray<long>());
        Assert.Equal(new long[] { 3, 19 }, new Cifar100(dir.Path, coarseLabels: true).Labels.ToArray<long>());
        Assert.Equal(13f, fine.Data.Get<float>(1, 0, 0, 0));
        Assert.Equal(new long[] { 5 }, new Cifar100(dir.Path, train: false).Labels.ToArray<long>());
        Assert.Contains("label 20", Assert.Throws<InvalidDataException>(() => new Cifar100(dir.Path, train: false, coarseLabels: true)).Message);
        Assert.Contains("3074-byte record", Assert.Throws<InvalidDataException>(() =>
        {
            File.WriteAllBytes(Path.Combine(nested, "test.bin"), new byte[3073]);
            return new Cifar100(dir.Path, train: false);
        }).Message);
    }
}
