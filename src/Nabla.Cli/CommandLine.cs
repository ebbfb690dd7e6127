using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>
/// The <c>nabla</c> command line on Spectre.Console.Cli: help for every command, typed options checked by each
/// settings class, and one error style: a single line <c>nabla: &lt;command&gt;: &lt;what is wrong&gt;</c> with exit code 2
/// for a bad command line and 1 for a run that failed.
/// </summary>
public static class CommandLine
{
    /// <summary>Exit code for a bad command line (unknown command or option, bad value).</summary>
    public const int UsageError = 2;

    /// <summary>Each command's name and settings type, in the order <c>nabla --help</c> lists them.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Commands = new Dictionary<string, Type>
    {
        ["info"] = typeof(EmptyCommandSettings),
        ["train"] = typeof(TrainSettings),
        ["eval"] = typeof(EvalSettings),
        ["convert"] = typeof(ConvertSettings),
        ["export"] = typeof(ExportSettings),
        ["diff"] = typeof(DiffSettings),
        ["graph"] = typeof(GraphSettings),
    };

    /// <summary>Runs the process's command line on the console and returns the exit code.</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "train")
            return RunWithCtrlC(token => Run(args, Console.Out, Console.Error, token));
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>
    /// Runs the command named by <paramref name="args"/>, writing its output to <paramref name="output"/> and any
    /// error, as one line, to <paramref name="error"/>; returns the exit code.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return Invoke(args, output, token);
        }
        catch (CliError e)
        {
            error.WriteLine($"nabla: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            // A bad or missing file (a data set, a checkpoint): the library's message names it; a stack trace would not help.
            error.WriteLine($"nabla: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Runs the command named by <paramref name="args"/> with its output to <paramref name="output"/> and returns the
    /// exit code; a bad command line or a failed run throws a <see cref="CliError"/> that carries the exit code.
    /// </summary>
    public static int Invoke(IReadOnlyList<string> args, TextWriter output, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Count > 0 && args[0] is "--version" or "-v")
        {
            output.WriteLine($"nabla {SystemInfo.NablaVersion()}");
            return 0;
        }
        var list = args.Count > 0 && args[0] == "help" ? [.. args.Skip(1), "--help"] : args.ToList();
        UsageErrors.Check(list);
        KeepFormulas(list);
        var app = new CommandApp();
        app.Configure(config => Configure(config, new CliContext(output)));
        try
        {
            return app.Run(list, token);
        }
        catch (CommandAppException e) when (e is CommandParseException or CommandRuntimeException)
        {
            throw UsageErrors.From(e, list);
        }
    }

    /// <summary>
    /// A formula may start with a minus (<c>nabla diff "-x^2"</c>), which Spectre would read as short options: for
    /// diff and graph, an argument that starts with one dash, has more than letters after it (<c>-x</c> stays an
    /// option, unknown) and is not the value of an option is given a leading space, which the formula parser skips.
    /// </summary>
    private static void KeepFormulas(List<string> args)
    {
        if (args.Count == 0 || args[0] is not ("diff" or "graph")) return;
        var options = UsageErrors.Options(args[0]);
        var names = options.Select(o => o.Name).ToHashSet();
        var valued = options.Where(o => !o.Flag).Select(o => o.Name).ToHashSet();
        for (int i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--") break;
            bool formula = arg.Length > 1 && arg[0] == '-' && arg[1] != '-' && !arg.Skip(1).All(char.IsLetter)
                && !names.Contains(arg.Split('=', ':')[0]) && !valued.Contains(args[i - 1]);
            if (formula) args[i] = " " + arg;
        }
    }

    private static void Configure(IConfigurator config, CliContext cli)
    {
        config.SetApplicationName("nabla");
        config.SetApplicationVersion(SystemInfo.NablaVersion());
        config.Settings.Culture = CultureInfo.InvariantCulture;
        config.Settings.Registrar.RegisterInstance(cli);
        config.ConfigureConsole(cli.Console);
        config.PropagateExceptions();
        config.UseStrictParsing();
        config.AddCommand<InfoCommand>("info")
            .WithDescription("Print the Nabla version, runtime, CPU, SIMD support and devices");
        config.AddCommand<TrainCommand>("train")
            .WithDescription("Train a model on mnist (--model mlp|cnn), spiral or sincurve; writes a run folder under runs/")
            .WithExample("train", "mnist")
            .WithExample("train", "mnist", "--model", "cnn", "--epochs", "3", "--device", "cuda")
            .WithExample("train", "spiral", "--numpy-rng", "--book");
        config.AddCommand<EvalCommand>("eval")
            .WithDescription("Test a trained classifier: accuracy, per-class accuracy, confusion matrix")
            .WithExample("eval", "--weights", "runs/mnist-mlp-20260101-120000/model.safetensors");
        config.AddCommand<ConvertCommand>("convert")
            .WithDescription("Rename a checkpoint between the nabla, PyTorch and DeZero namings")
            .WithExample("convert", "model.npz", "model.safetensors", "--naming", "pytorch");
        config.AddCommand<ExportCommand>("export")
            .WithDescription("Write a trained model as ONNX")
            .WithExample("export", "runs/mnist-mlp-20260101-120000/model.safetensors", "--onnx", "mnist.onnx");
        config.AddCommand<DiffCommand>("diff")
            .WithDescription("Differentiate a formula symbolically, checked by forward, reverse and numerical differentiation")
            .WithExample("diff", "sin(x)*exp(x)", "--wrt", "x", "--at", "x=1")
            .WithExample("diff", "tanh(x)", "--swell", "6");
        config.AddCommand<GraphCommand>("graph")
            .WithDescription("Draw the graph of an n-th derivative built by double backprop (DOT, or PNG/SVG through Graphviz)")
            .WithExample("graph", "tanh(x)", "--order", "4", "-o", "tanh4.png");
    }

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
}
