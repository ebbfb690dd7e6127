using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>
/// Turns Spectre.Console.Cli's parse and binding errors into nabla's one-line style (<c>train: unknown option
/// '--epoch' (did you mean --epochs?)</c>), and checks what Spectre lets through: an option given twice.
/// </summary>
public static partial class UsageErrors
{
    /// <summary>Every option name (<c>--epochs</c>, <c>-o</c>) of a command's settings, with whether it is a flag.</summary>
    public static IReadOnlyList<(string Name, bool Flag)> Options(string command)
    {
        var names = new List<(string, bool)> { ("--help", true), ("-h", true) };
        if (!CommandLine.Commands.TryGetValue(command, out var settings)) return [.. names, ("--version", true)];
        foreach (var property in settings.GetProperties())
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option) continue;
            bool flag = property.PropertyType == typeof(bool);
            names.AddRange(option.LongNames.Select(n => ("--" + n, flag)));
            names.AddRange(option.ShortNames.Select(n => ("-" + n, flag)));
        }
        return names;
    }

    /// <summary>
    /// Throws a usage error for what Spectre would let through: an option given twice (Spectre keeps the last value,
    /// which hides a typo in a long command line), and an option left without its value (strict parsing then retries
    /// with a placeholder command name inserted, which becomes the value).
    /// </summary>
    public static void Check(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || !CommandLine.Commands.ContainsKey(args[0])) return;
        var options = Options(args[0]);
        var known = options.Select(o => o.Name).ToHashSet();
        var valued = options.Where(o => !o.Flag).Select(o => o.Name).ToHashSet();
        var seen = new HashSet<string>();
        var rest = args.Skip(1).TakeWhile(a => a != "--").ToList();
        for (int i = 0; i < rest.Count; i++)
        {
            if (!rest[i].StartsWith('-')) continue;
            var name = NameOf(rest[i]);
            if (known.Contains(name) && !seen.Add(Canonical(args[0], name)))
                throw new CliError($"{args[0]}: option {name} is given more than once");
            if (valued.Contains(rest[i]) && (i + 1 == rest.Count || LooksLikeAnOption(rest[i + 1])))
                throw new CliError($"{args[0]}: option {name} needs a value");
        }
    }

    /// <summary>What Spectre's tokenizer reads as an option: a dash then a letter, or two dashes; <c>-1.5</c> is a value.</summary>
    private static bool LooksLikeAnOption(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) || arg.Length > 1 && arg[0] == '-' && char.IsLetter(arg[1]);

    /// <summary>The one-line usage error for Spectre's <paramref name="error"/> on <paramref name="args"/>.</summary>
    public static CliError From(CommandAppException error, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(args);
        string? command = args.Count > 0 && CommandLine.Commands.ContainsKey(args[0]) ? args[0] : null;
        string prefix = command is null ? "" : command + ": ";
        string help = command is null ? "(see 'nabla --help')" : $"(see 'nabla {command} --help')";
        var message = error.Message;
        if (error is not CommandParseException && !message.StartsWith("Failed to convert", StringComparison.Ordinal))
            return new CliError(message.TrimEnd('.')); // a settings class's Validate, already in nabla's words
        var spectre = SpectreError().Match(message);
        if (spectre.Groups["option"] is { Success: true } option)
        {
            var name = option.Value.Length == 1 ? "-" + option.Value : "--" + option.Value;
            var suggestion = Suggest(name, Options(command ?? "").Select(o => o.Name));
            return new CliError($"{prefix}unknown option '{name}' {(suggestion is null ? help : $"(did you mean {suggestion}?)")}");
        }
        if (spectre.Groups["command"] is { Success: true } word)
        {
            if (command is not null) return new CliError($"{prefix}unexpected argument '{word.Value}' {help}");
            var suggestion = Suggest(word.Value, CommandLine.Commands.Keys);
            return new CliError($"unknown command '{word.Value}' {(suggestion is null ? help : $"(did you mean '{suggestion}'?)")}");
        }
        if (spectre.Groups["extra"] is { Success: true } extra)
            return new CliError($"{prefix}unexpected argument '{extra.Value}' {help}");
        if (spectre.Groups["needy"] is { Success: true } needy)
            return new CliError($"{prefix}option {(needy.Value.Length == 1 ? "-" : "--")}{needy.Value} needs a value");
        if (message.StartsWith("Flags cannot be assigned a value", StringComparison.Ordinal))
        {
            var flags = Options(command ?? "").Where(o => o.Flag).Select(o => o.Name).ToHashSet();
            var flag = args.Select(NameOf).FirstOrDefault(flags.Contains) ?? "a flag";
            return new CliError($"{prefix}option {flag} takes no value");
        }
        if (message.StartsWith("Expected an option value", StringComparison.Ordinal) && args.FirstOrDefault(a => a.StartsWith('-') && a.EndsWith('=')) is { } empty)
            return new CliError($"{prefix}option {empty.TrimEnd('=')} needs a value");
        if (ConversionFailed().Match(message) is { Success: true } conversion)
            return new CliError(prefix + BadValue(command, args, conversion.Groups["value"].Value));
        return new CliError($"{prefix}{char.ToLowerInvariant(message[0])}{message[1..].TrimEnd('.')} {help}");
    }

    /// <summary>
    /// The candidate closest to <paramref name="given"/> by edit distance when it is close enough to be a typo (or
    /// <paramref name="given"/> is a prefix of it); null when none is.
    /// </summary>
    public static string? Suggest(string given, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(candidates);
        var bare = given.TrimStart('-');
        int allowed = bare.Length switch { <= 2 => 0, <= 5 => 1, _ => 2 };
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var other = candidate.TrimStart('-');
            int distance = Distance(bare, other);
            bool prefix = bare.Length >= 3 && other.StartsWith(bare, StringComparison.Ordinal);
            if ((distance <= allowed || prefix) && distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }
        return best;
    }

    /// <summary>
    /// The edit distance between two words: insertions, deletions, substitutions and swaps of two neighbouring letters
    /// (the commonest typo: "trian") each count one (Levenshtein's distance with transpositions, optimal string alignment).
    /// </summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j], d[i, j - 1]) + 1, d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>"--epochs must be an integer, got 'two'": the option is found from the value Spectre could not convert.</summary>
    private static string BadValue(string? command, IReadOnlyList<string> args, string value)
    {
        // Strict parsing retries with a placeholder command name inserted, which then lands in an option left without a value.
        if (value == "__default_command")
        {
            for (int i = args.Count - 1; i >= 0; i--)
                if (args[i].StartsWith("-", StringComparison.Ordinal) && !args[i].Contains('=') && (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                    return $"option {args[i]} needs a value";
        }
        string? option = null;
        for (int i = 0; i < args.Count && option is null; i++)
        {
            if (args[i].StartsWith('-') && (args[i].EndsWith("=" + value, StringComparison.Ordinal) || args[i].EndsWith(":" + value, StringComparison.Ordinal)))
                option = NameOf(args[i]);
            else if (i + 1 < args.Count && args[i + 1] == value && args[i].StartsWith('-'))
                option = args[i];
        }
        var type = command is null || option is null ? null : PropertyOf(command, option)?.PropertyType;
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        string kind = type == typeof(int) || type == typeof(long) ? "an integer" : type == typeof(double) ? "a number" : "valid";
        return option is null ? $"'{value}' is not {kind}" : $"{option} must be {kind}, got '{value}'";
    }

    /// <summary>The option name of an argument: <c>--lr</c> of <c>--lr=0.1</c>.</summary>
    private static string NameOf(string arg) => arg.IndexOfAny(['=', ':']) is var end and > 0 ? arg[..end] : arg;

    /// <summary>One name per option, so that <c>-o</c> and <c>--out</c> count as the same.</summary>
    private static string Canonical(string command, string name) => PropertyOf(command, name)?.Name ?? name;

    /// <summary>The settings property of the option <paramref name="name"/> (<c>--epochs</c>, <c>-o</c>) of a command.</summary>
    private static PropertyInfo? PropertyOf(string command, string name) =>
        CommandLine.Commands[command].GetProperties().FirstOrDefault(p => p.GetCustomAttribute<CommandOptionAttribute>() is { } option
            && (option.LongNames.Any(n => "--" + n == name) || option.ShortNames.Any(n => "-" + n == name)));

    /// <summary>
    /// Spectre's parse errors that quote a name, one alternative per message (each exactly as Spectre words it), the
    /// name in the group that says which: <c>option</c> (unknown or unexpected), <c>command</c>, <c>extra</c> (an
    /// argument no parameter takes) or <c>needy</c> (an option without its value).
    /// </summary>
    [GeneratedRegex(@"^(?:Unknown option '(?<option>.+)'\.|Unexpected option '(?<option>.+)'\.|Unknown command '(?<command>.+)'\."
        + @"|Could not match '(?<extra>.*)' with an argument\.|Option '(?<needy>.+)' is defined but no value has been provided\.)$")]
    private static partial Regex SpectreError();

    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to ")]
    private static partial Regex ConversionFailed();
}
