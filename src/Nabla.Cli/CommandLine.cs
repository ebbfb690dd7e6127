using System.Runtime.InteropServices;

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
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            // A bad or missing file (a data set, a checkpoint): the library's message names it; a stack trace would not help.
            Console.Error.WriteLine($"nabla: {e.Message}");
            return 1;
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
            case "export":
                return ExportCommand.Run(args[1..], Console.Out);
            case "info":
                if (args.Length > 1)
                    return Fail($"info: unexpected argument '{args[1]}' (info takes no arguments)");
                InfoCommand.Run();
                return 0;
            case "convert": return ConvertCommand.Run(args[1..], Console.Out);
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
                        [--device cpu|cuda|cuda:N|ilgpu-cpu] [--numpy-rng (NumPy's legacy generator)]
                        [--book (spiral: the book's step 48 exactly, each epoch's loss)]
          eval          Test a trained classifier: --weights FILE [--model mlp|cnn] [--naming N]
                        [--data DIR] [--device D] [--plain]
          convert       Rename a checkpoint: convert IN OUT [--naming nabla|pytorch|dezero] [--model mlp|cnn]
                        (IN: safetensors or .npz in any naming; OUT: .safetensors or .npz)
          export        Write a trained model as ONNX: export WEIGHTS --onnx OUT.onnx [--opset 17] [--data DIR]
          diff          Differentiate a formula: diff "sin(x)*exp(x)" --wrt x [--order n] [--at x=1] [--latex]
          graph         Draw the graph of an n-th derivative by double backprop:
                        graph "tanh(x)" --order 4 -o tanh4.png (or .dot) [--at x=1] [--verbose]

        Options:
          -h, --help    Print this help
          --version     Print the Nabla version

        """;

    /// <summary>
    /// Runs a long command so that Ctrl-C (SIGINT), SIGTERM and SIGHUP all cancel it gracefully (after the current
    /// batch, keeping the last completed epoch, drawing the charts) instead of killing it. An interrupted run exits
    /// with 128 + the number of the signal that stopped it, as a shell reports a process killed by it.
    /// </summary>
    private static int RunWithCtrlC(Func<CancellationToken, int> command)
    {
        using var cts = new CancellationTokenSource();
        int signal = 2; // SIGINT, unless SIGTERM or SIGHUP comes first
        void Stop(int number)
        {
            if (!cts.IsCancellationRequested) signal = number;
            cts.Cancel();
        }
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            Stop(2);
        };
        Console.CancelKeyPress += handler;
        // Windows has no SIGTERM/SIGHUP for a console program (Create throws there); Ctrl-C still works.
        var registrations = OperatingSystem.IsWindows() ? [] : new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Stop(15); }),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; Stop(1); }),
        };
        try
        {
            int code = command(cts.Token);
            return code == TrainCommand.Interrupted ? 128 + signal : code;
        }
        finally
        {
            Console.CancelKeyPress -= handler;
            foreach (var r in registrations) r.Dispose();
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"nabla: {message}");
        Console.Error.WriteLine("Run 'nabla --help' for usage.");
        return UsageError;
    }
}
