using Nabla.Tensors;

namespace Nabla.Examples;

/// <summary>
/// The command line every example accepts: <c>--quick</c> for a tiny run (seconds, for tests and smoke checks),
/// <c>--out DIR</c> for the files it writes (default: <c>runs/examples/&lt;name&gt;</c> under the current directory, as
/// <c>nabla train</c> writes under <c>runs/</c>, so that nothing lands loose in the repository root) and <c>--device NAME</c> for where it
/// computes (default: the CPU). Internal and linked into each example, so the examples share it without a library
/// of their own and without clashing when a test project references them all.
/// </summary>
internal sealed record ExampleOptions(bool Quick, string OutDir, Device Device)
{
    /// <summary>Exit code of a bad command line.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Reads <paramref name="args"/>; on a bad argument or <c>--help</c> prints the usage to
    /// <paramref name="output"/> and returns null with the exit code to return (2 or 0). An unknown device, or one
    /// this machine lacks, is one line and exit code 2, as in the CLI. The output folder is created by the first
    /// <see cref="OutPath"/>, so that an example that writes nothing leaves no empty folder.
    /// </summary>
    public static ExampleOptions? Parse(string[] args, string name, string description, TextWriter output, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool quick = false;
        string outDir = Path.GetFullPath(DefaultOutDir(name));
        var device = Device.Cpu;
        exitCode = 0;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out" when i + 1 < args.Length:
                    outDir = Path.GetFullPath(args[++i]);
                    break;
                case "--device" when i + 1 < args.Length:
                    if (DeviceError(name, args[++i], out device) is { } error)
                    {
                        output.WriteLine(error);
                        exitCode = UsageError;
                        return null;
                    }
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage(name, description));
                    return null;
                default:
                    output.WriteLine(args[i] switch
                    {
                        "--out" => $"{name}: --out needs a folder",
                        "--device" => $"{name}: --device needs a device (cpu, cuda, cuda:N or ilgpu-cpu)",
                        _ => $"{name}: unknown argument '{args[i]}'",
                    });
                    output.WriteLine(Usage(name, description));
                    exitCode = UsageError;
                    return null;
            }
        }
        return new ExampleOptions(quick, outDir, device);
    }

    /// <summary>Where an example's files go without <c>--out</c>, relative to the current directory.</summary>
    public static string DefaultOutDir(string name) => Path.Combine("runs", "examples", name);

    /// <summary>A path in the output folder, which is created if need be.</summary>
    public string OutPath(string fileName)
    {
        Directory.CreateDirectory(OutDir);
        return Path.Combine(OutDir, fileName);
    }

    /// <summary>
    /// True for a quick run on ilgpu-cpu, whose kernels are the GPU's emulated on the CPU, 10-100 times slower than
    /// the CPU backend's: the examples that train shrink their quick run there so that it still takes seconds.
    /// </summary>
    public bool QuickEmulated => Quick && Device == Device.IlgpuCpu;

    /// <summary>The error line for <paramref name="text"/> as a device (null when it names one present here), as the CLI's DeviceOption words it.</summary>
    private static string? DeviceError(string name, string text, out Device device)
    {
        if (!Device.TryParse(text, out device))
            return $"{name}: unknown device '{text}' (expected cpu, cuda, cuda:N or ilgpu-cpu)";
        if (device.IsAvailable) return null;
        var found = string.Join(", ", Device.Available().Select(d => d.Device.ToString()));
        return $"{name}: device {device} is not available on this machine (found: {found})";
    }

    private static string Usage(string name, string description) =>
        $"{name}: {description}\n" +
        $"usage: dotnet run --project examples/{name} -c Release -- [--quick] [--out DIR] [--device NAME]\n" +
        "  --quick        a tiny run that finishes in seconds\n" +
        $"  --out DIR      where to write the files (default: runs/examples/{name})\n" +
        "  --device NAME  where to compute: cpu (the default), cuda, cuda:N or ilgpu-cpu (the GPU kernels emulated on the CPU)";
}
