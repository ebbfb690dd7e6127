using Nabla.IO;

namespace Nabla.Tests.IO;

/// <summary>The write-to-temp-then-rename helper behind every save.</summary>
public class AtomicFileTests
{
    [Fact]
    public void ReplacesTheTargetOnlyWhenTheWriteCompletes()
    {
        using var dir = new TempDirectory();
        string path = dir.File("f.bin");
        AtomicFile.Write(path, s => s.Write([1, 2, 3]));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write([9, 9, 9, 9]);
            throw new IOException("disk full");
        }));
        Assert.Equal("disk full", e.Message);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { "f.bin" }, dir.FileNames());

        AtomicFile.Write(path, s => s.Write([4]));
        Assert.Equal(new byte[] { 4 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { "f.bin" }, dir.FileNames());
    }

    [Fact]
    public void AFailedFirstWriteCreatesNothing()
    {
        using var dir = new TempDirectory();
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(dir.File("new.bin"), _ => throw new InvalidOperationException("no")));
        Assert.Empty(dir.FileNames());
    }
}
