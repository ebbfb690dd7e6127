using System.Diagnostics;
using System.Text;

namespace Nabla.Tests.Distributed;

/// <summary>Starts <c>nabla train</c> (the CLI built with the tests) alone or under mpirun, and collects its output.</summary>
public sealed class MpiJob : IDisposable
{
    /// <summary>
    /// Open MPI as root needs --allow-run-as-root; --oversubscribe lets 2 ranks run on fewer cores; shared memory
    /// without the CMA single-copy mechanism works in containers, where ptrace is often not allowed.
    /// </summary>
    public static readonly string[] MpirunOptions =
        ["--allow-run-as-root", "--oversubscribe", "--mca", "btl", "self,vader", "--mca", "btl_vader_single_copy_mechanism", "none"];

    private readonly Process process;
    private readonly StringBuilder output = new();

    private MpiJob(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot() };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("OMPI_COMM_WORLD", StringComparison.Ordinal) || k.StartsWith("PMIX_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary><c>mpirun -np ranks dotnet Nabla.Cli.dll train ...</c>; several programs (MPMD) when given several argument lists.</summary>
    public static MpiJob Mpirun(int ranks, params string[] trainArguments) =>
        new(Mpirun()!, [.. MpirunOptions, "-np", ranks.ToString(), "dotnet", CliPath(), "train", .. trainArguments]);

    /// <summary>One rank running <paramref name="first"/>, one running <paramref name="second"/>.</summary>
    public static MpiJob Mpmd(string[] first, string[] second) =>
        new(Mpirun()!, [.. MpirunOptions, "-np", "1", "dotnet", CliPath(), "train", .. first, ":", "-np", "1", "dotnet", CliPath(), "train", .. second]);

    /// <summary>The CLI alone (not under mpirun).</summary>
    public static MpiJob Alone(params string[] trainArguments) => new("dotnet", [CliPath(), "train", .. trainArguments]);

    /// <summary>mpirun's process id.</summary>
    public int Id => process.Id;

    /// <summary>Everything the job wrote to standard output and error so far.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Waits for the exit; returns the exit code, or null on timeout (the job is then killed).</summary>
    public int? Wait(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
        process.WaitForExit(); // drains the redirected output
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    /// <summary>The full path of mpirun, or null where it is not installed.</summary>
    public static string? Mpirun() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "mpirun")).FirstOrDefault(File.Exists);

    /// <summary>The process ids whose environment says they are rank <paramref name="rank"/> of an Open MPI job started by <paramref name="mpirun"/>.</summary>
    public static int[] RankProcesses(int mpirun, int rank)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || !Descends(pid, mpirun)) continue;
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
                if (environ.Contains($"OMPI_COMM_WORLD_RANK={rank}")) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return found.ToArray();
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Nabla.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"no Nabla.sln above {AppContext.BaseDirectory}");
    }

    public static string MnistDirectory => Path.Combine(RepositoryRoot(), "data", "mnist-10k");

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static string CliPath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Nabla.Cli.dll");
        Assert.True(File.Exists(path), $"{path} is not built (it is built with the test project)");
        return path;
    }

    private static bool Descends(int pid, int ancestor)
    {
        for (int i = 0; i < 8 && pid > 1; i++)
        {
            if (pid == ancestor) return i > 0;
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                pid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                return false;
            }
        }
        return false;
    }
}
