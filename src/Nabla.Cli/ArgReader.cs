using System.Globalization;

namespace Nabla.Cli;

/// <summary>
/// The arguments after a command: positionals, <c>--name value</c> (or <c>--name=value</c>) options and
/// <c>--flag</c> switches, checked against the names the command knows.
/// </summary>
public sealed class ArgReader
{
    private readonly string command;
    private readonly Dictionary<string, string> values = [];
    private readonly HashSet<string> flags = [];

    public ArgReader(string command, IEnumerable<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        this.command = command;
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith('-') || arg == "-" || double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                Positionals.Add(arg);
                continue;
            }
            var (name, inline) = arg.IndexOf('=') is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            if (flagOptions.Contains(name))
            {
                if (inline is not null) throw new CliError($"{command}: option {name} takes no value");
                if (!flags.Add(name)) throw Repeated(name);
            }
            else if (valueOptions.Contains(name))
            {
                var value = inline ?? (i + 1 < list.Count ? list[++i] : throw new CliError($"{command}: option {name} needs a value"));
                if (!values.TryAdd(name, value)) throw Repeated(name);
            }
            else throw new CliError($"{command}: unknown option '{name}' (known: {string.Join(", ", valueOptions.Concat(flagOptions).Order())})");
        }
    }

    public List<string> Positionals { get; } = [];

    // Taking the last of two values silently hides a typo in a long command line.
    private CliError Repeated(string name) => new($"{command}: option {name} is given more than once");

    public bool Flag(string name) => flags.Contains(name);

    public string? String(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback, int min = int.MinValue)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw new CliError($"{command}: {name} must be an integer, got '{text}'");
        if (value < min)
            throw new CliError(min == 1 ? $"{command}: {name} must be positive, got {value}" : $"{command}: {name} must be at least {min}, got {value}");
        return value;
    }

    public double Double(string name, double fallback, bool positive = false, bool nonNegative = false)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new CliError($"{command}: {name} must be a number, got '{text}'");
        if (positive && value <= 0) throw new CliError($"{command}: {name} must be positive, got {text}");
        if (nonNegative && value < 0) throw new CliError($"{command}: {name} must be zero or positive, got {text}");
        return value;
    }
}
