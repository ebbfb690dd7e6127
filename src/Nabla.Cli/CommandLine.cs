namespace Nabla.Cli;

/// <summary>Parses the arguments of the <c>nabla</c> command and runs the chosen command.</summary>
public static class CommandLine
{
    /// <summary>Exit code for a bad command line (unknown command or argument).</summary>
    public const int UsageError = 2;

    /// <summary>Runs the command named by <paramref name="args"/> and returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(Usage());
            return 0;
        }

        if (args[0] == "--version")
        {
            Console.Out.WriteLine($"nabla {SystemInfo.NablaVersion()}");
            return 0;
        }

        try
        {
            return Dispatch(args);
        }
        catch (CliError e)
        {
            Console.Error.WriteLine($"nabla: {e.Message}");
            return e.ExitCode;
        }
    }

    private static int Dispatch(string[] args)
    {
        switch (args[0])
        {
            case "train":
                return RunWithCtrlC(token => TrainCommand.Run(args[1..], Console.Out, token));
            case "eval":
                return EvalCommand.Run(args[1..], Console.Out, Console.IsOutputRedirected);
            case "info":
                if (args.Length > 1)
                    return Fail($"info: unexpected argument '{args[1]}' (info takes no arguments)");
                InfoCommand.Run();
                return 0;
            case "diff": return DiffCommand.Run(args[1..], Console.Out, Console.Error);
            case "graph":
                return GraphCommand.Run(args[1..], Console.Out);
            default:
                return Fail(args[0].StartsWith('-')
                    ? $"unknown option '{args[0]}'"
                    : $"unknown command '{args[0]}'");
        }
    }

    /// <summary>The text printed by <c>nabla --help</c>.</summary>
    public static string Usage() =>
        """
        nabla - deep learning and differentiation for .NET

        Usage:
          nabla <command> [options]

        Commands:
          info          Print the Nabla version, runtime, CPU, SIMD support and devices
          train <data>  Train a model: mnist (--model mlp|cnn), spiral, sincurve
                        [--epochs N] [--batch-size N] [--lr X] [--weight-decay X] [--seed N]
                        [--data DIR] [--out DIR] [--threads N] [--limit N] [--plain]
                        [--device cpu|cuda|cuda:N|ilgpu-cpu]
          eval          Test a trained classifier: --weights FILE [--data DIR] [--device D] [--plain]
          diff          Differentiate a formula: diff "sin(x)*exp(x)" --wrt x [--order n] [--at x=1] [--latex]
          graph         Draw the graph of an n-th derivative by double backprop:
                        graph "tanh(x)" --order 4 -o tanh4.png (or .dot) [--at x=1] [--verbose]

        Options:
          -h, --help    Print this help
          --version     Print the Nabla version

        """;

    /// <summary>Runs a long command so that Ctrl-C cancels it gracefully (after the current batch) instead of killing it.</summary>
    private static int RunWithCtrlC(Func<CancellationToken, int> command)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += handler;
        try
        {
            return command(cts.Token);
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"nabla: {message}");
        Console.Error.WriteLine("Run 'nabla --help' for usage.");
        return UsageError;
    }
}
