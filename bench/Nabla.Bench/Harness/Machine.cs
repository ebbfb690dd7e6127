using System.Runtime.InteropServices;
using Nabla.Tensors;
using TorchSharp;

namespace Nabla.Bench.Harness;

/// <summary>What the numbers were measured on, for the report.</summary>
internal static class Machine
{
    public static IReadOnlyList<(string Name, string Value)> Describe() =>
    [
        ("date", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'")),
        ("cpu", $"{CpuModel()}, {Environment.ProcessorCount} logical cores"),
        ("os", RuntimeInformation.OSDescription),
        (".NET", RuntimeInformation.FrameworkDescription),
        ("Nabla", $"{typeof(Tensor).Assembly.GetName().Version}, SIMD {Simd.Detected}, threads {Threads.Nabla}"),
        ("TorchSharp", $"{typeof(torch).Assembly.GetName().Version} (libtorch {torch.__version__}), threads {Threads.Torch}"),
        ("load", LoadAverage() is { } load ? $"{load} (1/5/15 min) at start" : "unknown"),
    ];

    /// <summary>
    /// The 1/5/15-minute load averages (Linux), or null. On a shared machine a load above the core count means
    /// other processes competed for the cores during the run, and the figures scatter accordingly.
    /// </summary>
    public static string? LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        if (!File.Exists(loadavg)) return null;
        var parts = File.ReadAllText(loadavg).Split(' ');
        return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : null;
    }

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            var lines = File.ReadLines(cpuinfo).TakeWhile(l => l.Length > 0).ToArray();
            string? Field(string name) => lines
                .Where(l => l.Split(':')[0].Trim() == name)
                .Select(l => l[(l.IndexOf(':') + 1)..].Trim()).FirstOrDefault();
            // Virtual machines often print only "AMD EPYC"; family and model name the generation.
            if (Field("model name") is { } model)
                return $"{model} (family {Field("cpu family") ?? "?"}, model {Field("model") ?? "?"})";
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
