using System.Text;

namespace Nabla.Symbolic;

/// <summary>
/// A formula that <see cref="Expr.Parse"/> could not read: where (<see cref="Position"/>, 0-based; the message
/// says the 1-based column) and what was expected there. The message quotes only the input near the error (the
/// whole input is <see cref="Input"/>), so that a huge input does not make a huge message.
/// </summary>
public sealed class ExprParseException : FormatException
{
    // Inputs up to this length are quoted whole; longer ones by a window around the error.
    private const int QuotedWhole = 80;
    private const int Context = 30;
    private const int MaxToken = 40;

    /// <param name="input">The text being parsed.</param>
    /// <param name="position">The 0-based index in <paramref name="input"/> where parsing stopped.</param>
    /// <param name="expected">What the parser expected there.</param>
    /// <param name="found">What it found instead.</param>
    public ExprParseException(string input, int position, string expected, string found)
        : base($"Parse error at column {position + 1} of {Excerpt(input, position)}: expected {expected} but found {found}")
    {
        Input = input;
        Position = position;
        Expected = expected;
        Found = found;
    }

    /// <summary>The text being parsed.</summary>
    public string Input { get; }

    /// <summary>The 0-based index in <see cref="Input"/> where parsing stopped.</summary>
    public int Position { get; }

    /// <summary>What the parser expected there, e.g. <c>')'</c>.</summary>
    public string Expected { get; }

    /// <summary>What it found instead, e.g. <c>end of input</c>.</summary>
    public string Found { get; }

    /// <summary>The character at <paramref name="position"/> quoted whole (a surrogate pair is one character), or <c>end of input</c>.</summary>
    internal static string Describe(string text, int position)
    {
        if (position >= text.Length) return "end of input";
        if (Rune.DecodeFromUtf16(text.AsSpan(position), out var rune, out _) != System.Buffers.OperationStatus.Done)
            return $"U+{(int)text[position]:X4} (half of a surrogate pair)";
        return Rune.IsControl(rune) ? $"U+{rune.Value:X4} (a control character)" : $"'{rune}'";
    }

    /// <summary>A token in quotes, shortened when long.</summary>
    internal static string Quote(string token) =>
        token.Length <= MaxToken ? $"'{token}'" : $"'{token[..MaxToken]}...' ({token.Length} characters)";

    /// <summary>The input in quotes, or for a long one the part around <paramref name="position"/>, never cutting a surrogate pair.</summary>
    private static string Excerpt(string input, int position)
    {
        if (input.Length <= QuotedWhole) return $"\"{Printable(input)}\"";
        int start = Math.Max(0, position - Context), end = Math.Min(input.Length, position + Context);
        if (start > 0 && char.IsLowSurrogate(input[start])) start--;
        if (end < input.Length && char.IsLowSurrogate(input[end])) end++;
        return $"{(start > 0 ? "..." : "")}\"{Printable(input[start..end])}\"{(end < input.Length ? "..." : "")} (a {input.Length}-character input)";
    }

    /// <summary>The text with half surrogate pairs replaced by U+FFFD, so that the message is valid Unicode.</summary>
    private static string Printable(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes()) sb.Append(rune.ToString());
        return sb.ToString();
    }
}
