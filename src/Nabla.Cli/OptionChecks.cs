using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>
/// The checks the settings classes share, each giving the error line of a bad value (null when the value is fine or
/// not given), so that every command words the same mistake the same way.
/// </summary>
public static class OptionChecks
{
    /// <summary>The first error among <paramref name="errors"/> as a validation failure; success when all are null.</summary>
    public static ValidationResult First(params string?[] errors) =>
        errors.FirstOrDefault(e => e is not null) is { } error ? ValidationResult.Error(error) : ValidationResult.Success();

    /// <summary>An integer option that must be at least <paramref name="min"/> (and at most <paramref name="max"/>).</summary>
    public static string? AtLeast(string command, string option, long? value, long min, long max = long.MaxValue)
    {
        if (value is not { } v) return null;
        if (max != long.MaxValue && (v < min || v > max))
            return Invariant($"{command}: {option} must be an integer from {min} to {max}, got {v}");
        if (v >= min) return null;
        return min == 1 ? Invariant($"{command}: {option} must be positive, got {v}") : Invariant($"{command}: {option} must be at least {min}, got {v}");
    }

    /// <summary>A real option that must be finite and positive (or, with <paramref name="zeroAllowed"/>, zero or positive).</summary>
    public static string? Positive(string command, string option, double? value, bool zeroAllowed = false)
    {
        if (value is not { } v) return null;
        if (!double.IsFinite(v)) return Invariant($"{command}: {option} must be a number, got '{v}'");
        if (zeroAllowed ? v >= 0 : v > 0) return null;
        return zeroAllowed ? Invariant($"{command}: {option} must be zero or positive, got {v}") : Invariant($"{command}: {option} must be positive, got {v}");
    }

    /// <summary>A word option that must be one of <paramref name="known"/> (compared without case).</summary>
    public static string? OneOf(string command, string what, string? value, IReadOnlyCollection<string> known, string? context = null) =>
        value is null || known.Contains(value.ToLowerInvariant())
            ? null
            : $"{command}: unknown {what} '{value}'{(context is null ? "" : " for " + context)} (known: {string.Join(", ", known)})";

    /// <summary>
    /// Parses a point <c>--at x=1.5,y=2</c> into <paramref name="values"/> (x: 1.5, y: 2); returns the error line, or
    /// null.
    /// </summary>
    public static string? Point(string command, string text, out Dictionary<string, double> values)
    {
        values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !Symbolic.Expr.IsVariableName(pair[0]))
                return $"{command}: --at: '{part}' is not of the form name=value (e.g. --at x=1.5,y=2)";
            if (!double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                return $"{command}: --at: '{pair[1]}' is not a finite number (in '{part}')";
            if (!values.TryAdd(pair[0], v))
                return $"{command}: --at: {pair[0]} is given twice";
        }
        return null;
    }

    /// <summary>The point <paramref name="text"/> names, as <see cref="Point"/> parses it; a usage error when it is malformed.</summary>
    public static Dictionary<string, double> PointOrThrow(string command, string text) =>
        Point(command, text, out var values) is { } error ? throw new CliError(error) : values;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
