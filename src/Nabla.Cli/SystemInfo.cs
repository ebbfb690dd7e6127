using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Nabla.Tensors;

namespace Nabla.Cli;

/// <summary>Facts about Nabla, the runtime and the machine, as shown by <c>nabla info</c>.</summary>
public static class SystemInfo
{
    /// <summary>
    /// The Nabla library's informational version, e.g. <c>0.1.0</c>, or <c>0.1.0 (3abf633)</c> when the
    /// build recorded a source revision.
    /// </summary>
    public static string NablaVersion()
    {
        var assembly = typeof(Simd).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = informational.IndexOf('+');
        if (plus < 0)
            return informational;
        var revision = informational[(plus + 1)..];
        return $"{informational[..plus]} ({revision[..Math.Min(7, revision.Length)]})";
    }

    /// <summary>The number of threads Nabla's parallel kernels use.</summary>
    public static int NablaThreads => Parallelism.MaxThreads;

    /// <summary>The rows of the <c>nabla info</c> table, as (name, value) pairs.</summary>
    public static IReadOnlyList<(string Name, string Value)> Rows() =>
    [
        ("Nabla version", NablaVersion()),
        (".NET runtime", RuntimeInformation.FrameworkDescription),
        ("OS", RuntimeInformation.OSDescription),
        ("Architecture", RuntimeInformation.OSArchitecture.ToString()),
        ("CPU model", CpuModel()),
        ("Logical processors", Environment.ProcessorCount.ToString()),
        ("Vector512 accelerated", YesNo(Vector512.IsHardwareAccelerated)),
        ("Vector256 accelerated", YesNo(Vector256.IsHardwareAccelerated)),
        ("Vector<float>.Count", $"{Vector<float>.Count} ({Vector<float>.Count * 32} bits)"),
        ("Simd.Detected", Simd.Detected.ToString()),
        ("Nabla threads", NablaThreads.ToString()),
        .. Device.Available().Select(d => ($"Device {d.Device}", $"{d.Name}, {FormatBytes(d.MemoryBytes)}")),
    ];

    /// <summary>A memory size in GiB (or MiB when small), as device lists show it.</summary>
    public static string FormatBytes(long bytes) =>
        bytes >= 1L << 30 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0} MiB");

    /// <summary>The CPU's model name, from /proc/cpuinfo on Linux; "unknown" where it cannot be found.</summary>
    public static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        try
        {
            if (File.Exists(cpuinfo))
            {
                foreach (var line in File.ReadLines(cpuinfo))
                {
                    var colon = line.IndexOf(':');
                    if (colon < 0)
                        continue;
                    var key = line[..colon].Trim();
                    if (key is "model name" or "Model" or "Hardware" or "cpu model")
                    {
                        var value = line[(colon + 1)..].Trim();
                        if (value.Length > 0)
                            return value;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Fall through to the other sources.
        }

        var windows = Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER");
        return string.IsNullOrWhiteSpace(windows) ? "unknown" : windows.Trim();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
