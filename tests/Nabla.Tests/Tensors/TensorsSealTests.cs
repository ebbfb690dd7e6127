using System.Text.RegularExpressions;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The Tensors layer is sealed: no source file outside <c>src/Nabla/Tensors/</c> reaches storage, spans, the storage
/// pool, the kernels or the backends. Everything else goes through Tensor's API, which is what lets a tensor live
/// on another device.
/// </summary>
public class TensorsSealTests
{
    private static readonly Regex Forbidden = new(
        @"Nabla\.Tensors\.Kernels|Nabla\.Tensors\.Backends|\bStoragePool\b|\.Span<|\.Buffer<|\.Storage\b|\bKernels\.|\bChunks\.|\bParallelLoop\b|\bIBackend\b|\bCpuBackend\b",
        RegexOptions.Compiled);

    [Fact]
    public void No_file_outside_Tensors_touches_storage_or_kernels()
    {
        var root = RepositoryRoot();
        var offenders = new List<string>();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "examples"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && !Path.GetRelativePath(root, f).Replace('\\', '/').StartsWith("src/Nabla/Tensors/", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 100, $"only {files.Count} source files found under {root}");
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
                if (Forbidden.Match(lines[i]) is { Success: true } m)
                    offenders.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {m.Value}");
        }
        Assert.True(offenders.Count == 0, "Tensors internals used outside src/Nabla/Tensors:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_finds_what_it_forbids()
    {
        Assert.Matches(Forbidden, "        StoragePool.Return(y);");
        Assert.Matches(Forbidden, "var s = p.Data.Span<float>();");
        Assert.Matches(Forbidden, "using Nabla.Tensors.Kernels;");
        Assert.DoesNotMatch(Forbidden, "var y = Tensor.MatMul(a, b);");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Nabla.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Nabla.sln not found above {AppContext.BaseDirectory}");
    }
}
