using System.Diagnostics;
using Nabla.Cli;
using Nabla.IO;
using Nabla.Tests.IO;

namespace Nabla.Tests.Cli;

/// <summary>
/// Issue 15, defect 6: SIGTERM and SIGHUP stop <c>nabla train</c> as Ctrl-C does: the batch finishes, the last completed
/// epoch is kept, the charts are drawn, the final message printed, and the exit code is 128 + the signal.
/// </summary>
public class SignalTests
{
    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("HUP", 129)]
    [InlineData("INT", 130)]
    public void ASignalStopsTrainingGracefully(string signal, int expectedCode)
    {
        if (OperatingSystem.IsWindows()) return; // no POSIX signals to send
        using var dir = new TempDirectory();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(CommandLine).Assembly.Location);
        foreach (var a in new[] { "train", "spiral", "--epochs", "100000", "--plain", "--threads", "1", "--out", dir.Path }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        var errors = new List<string>();
        using var firstEpoch = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lines) lines.Add(e.Data);
            if (e.Data.StartsWith("epoch", StringComparison.Ordinal)) firstEpoch.Set();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (errors) errors.Add(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Assert.True(firstEpoch.Wait(60_000), "no epoch finished within a minute");
        using (var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            Assert.Fail($"nabla did not stop within a minute of SIG{signal}");
        }
        process.WaitForExit(); // drains the output events
        Assert.Equal(expectedCode, process.ExitCode);
        Assert.Empty(errors);
        string output = string.Join("\n", lines);
        Assert.Contains("interrupted: kept the checkpoint and metrics of epoch", output);
        Assert.True(File.Exists(Path.Combine(dir.Path, "loss.png")), output);
        Assert.NotEmpty(SafeTensors.Load(Path.Combine(dir.Path, "model.safetensors")));
    }
}
