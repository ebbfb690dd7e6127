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

    [Fact]
    public void TheNextSave_RemovesStaleTemporariesOfTheSameTarget_AndNothingElse()
    {
        using var dir = new TempDirectory();
        string path = dir.File("m.safetensors");
        var old = DateTime.UtcNow - TimeSpan.FromMinutes(1);
        string Temp(string target, string suffix, bool stale)
        {
            string t = dir.File(target + ".tmp-" + suffix);
            File.WriteAllBytes(t, new byte[7]);
            if (stale) File.SetLastWriteTimeUtc(t, old);
            return t;
        }
        Temp("m.safetensors", "0123456789ab", stale: true);         // left by a killed writer: removed
        Temp("m.safetensors", "ba9876543210", stale: false);        // may be a writer that just started: kept
        Temp("other.safetensors", "0123456789ab", stale: true);     // another target's: kept
        Temp("m.safetensors", "not-hex-name", stale: true);         // not a name AtomicFile makes: kept
        string held = Temp("m.safetensors", "aaaaaaaaaaaa", stale: true);
        using (new FileStream(held, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) // a live writer holds it
            AtomicFile.Write(path, s => s.Write([1]));
        Assert.Equal(new[]
        {
            "m.safetensors", "m.safetensors.tmp-aaaaaaaaaaaa", "m.safetensors.tmp-ba9876543210", "m.safetensors.tmp-not-hex-name",
            "other.safetensors.tmp-0123456789ab",
        }, dir.FileNames());
        AtomicFile.Write(path, s => s.Write([2])); // no longer held: now it goes
        Assert.DoesNotContain("m.safetensors.tmp-aaaaaaaaaaaa", dir.FileNames());
    }
}
