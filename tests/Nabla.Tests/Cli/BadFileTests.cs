using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Nabla.Cli;
using Nabla.IO;
using Nabla.Tensors;
using Nabla.Tests.Data;
using Nabla.Tests.IO;

namespace Nabla.Tests.Cli;

/// <summary>
/// Issue 15: every reproducer run through the built <c>nabla</c> program: one line naming the file, exit code 1, no
/// stack trace (before, several ended with exit 134 and a trace).
/// </summary>
public class BadFileTests
{
    private static (int Code, string Out, string Err) Nabla(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(CommandLine).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "nabla did not finish within a minute");
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private static void RefusedCleanly(string file, params string[] args)
    {
        var (code, _, err) = Nabla(args);
        Assert.Equal(1, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith("nabla: ", err);
        Assert.Contains(file, err);
        Assert.DoesNotContain("   at ", err);
    }

    private static byte[] SafeTensorsFile(string json, int dataBytes, Func<byte[], byte[]>? patch = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (patch is not null) bytes = patch(bytes);
        var header = bytes.Concat(Enumerable.Repeat((byte)' ', (8 - bytes.Length % 8) % 8)).ToArray();
        var file = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        return file;
    }

    public static TheoryData<string> Checkpoints() => new()
    {
        "invalid-utf8-name", "lone-surrogate-metadata", "huge-empty-tensor", "npz-flipped-byte", "npz-2gb-entry", "npz-corrupt-directory",
    };

    [Theory]
    [MemberData(nameof(Checkpoints))]
    public void Eval_OfAMalformedCheckpoint_IsOneLine(string which)
    {
        using var dir = new TempDirectory();
        string path = dir.File(which + (which.StartsWith("npz", StringComparison.Ordinal) ? ".npz" : ".safetensors"));
        var w = new Dictionary<string, Tensor> { ["l0.W"] = Tensor.Ones(4, 3), ["l1.W"] = Tensor.Ones(3, 2) };
        switch (which)
        {
            case "invalid-utf8-name":
                File.WriteAllBytes(path, SafeTensorsFile("{\"aXb\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                    b => b.Select(x => x == (byte)'X' ? (byte)0xFF : x).ToArray()));
                break;
            case "lone-surrogate-metadata":
                File.WriteAllBytes(path, SafeTensorsFile("{\"__metadata__\":{\"dataset\":\"\\ud800\"}}", 0));
                break;
            case "huge-empty-tensor":
                File.WriteAllBytes(path, SafeTensorsFile("{\"e\":{\"dtype\":\"F32\",\"shape\":[2147483647,2,0],\"data_offsets\":[0,0]}}", 0));
                break;
            case "npz-flipped-byte":
                Npz.Save(path, w);
                var bytes = File.ReadAllBytes(path);
                bytes[ZipBytes.Find(bytes, ZipBytes.CentralHeader)[0] - 5] ^= 0x40;
                File.WriteAllBytes(path, bytes);
                break;
            case "npz-2gb-entry":
                Npz.Save(path, w, compressed: true);
                File.WriteAllBytes(path, ZipBytes.WithUncompressedSize(File.ReadAllBytes(path), int.MaxValue));
                break;
            default:
                Npz.Save(path, w);
                var zip = File.ReadAllBytes(path);
                zip[ZipBytes.Find(zip, ZipBytes.CentralHeader)[1]] ^= 0xFF;
                File.WriteAllBytes(path, zip);
                break;
        }
        RefusedCleanly(path, "eval", "--weights", path, "--plain");
    }

    [Theory]
    [InlineData("no-trailer")]
    [InlineData("overflowing-size")]
    public void Train_OnMalformedMnistFiles_IsOneLine(string which)
    {
        using var dir = new TempDirectory();
        IdxFiles.WriteSplit(dir.Path, "train", 20, gzip: true);
        IdxFiles.WriteSplit(dir.Path, "t10k", 20, gzip: true);
        string bad = dir.File("train-labels-idx1-ubyte.gz");
        if (which == "no-trailer")
        {
            File.WriteAllBytes(bad, File.ReadAllBytes(bad)[..^8]);
        }
        else
        {
            var header = new byte[16];
            BinaryPrimitives.WriteUInt32BigEndian(header, 0x0803);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 16);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 1 << 30);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 1 << 30);
            bad = dir.File("train-images-idx3-ubyte.gz");
            File.WriteAllBytes(bad, IdxFiles.Gzip(header));
        }
        RefusedCleanly(bad, "train", "mnist", "--data", dir.Path, "--epochs", "1", "--plain", "--out", dir.File("run"));
    }

    [Fact]
    public void Diff_OfAFormulaPastTheLimits_IsOneLine()
    {
        var (code, _, err) = Nabla("diff", string.Join("*", Enumerable.Repeat("x", 20_000)), "--wrt", "x");
        Assert.NotEqual(0, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.True(err.Length < 400, $"{err.Length} characters of error");
        Assert.DoesNotContain("   at ", err);
    }
}
