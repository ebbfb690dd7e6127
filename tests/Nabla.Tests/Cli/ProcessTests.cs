using System.Diagnostics;
using Nabla.Cli;

namespace Nabla.Tests.Cli;

/// <summary>The built <c>nabla</c> program run as a process: exit codes and one-line errors without stack traces.</summary>
public class ProcessTests
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
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void AnUnknownDataSetIsOneLineAndExitCode2()
    {
        var (code, _, err) = Nabla("train", "imagenet");
        Assert.Equal(2, code);
        Assert.Equal("nabla: train: unknown data set 'imagenet' (known: mnist, spiral, sincurve)", err.Trim());
    }

    [Fact]
    public void AMissingWeightsFileIsOneLineAndExitCode1()
    {
        var (code, _, err) = Nabla("eval", "--weights", "/nonexistent/model.safetensors");
        Assert.Equal(1, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain(" at ", err);
    }
}
