namespace Nabla.Symbolic;

/// <summary>
/// A formula that <see cref="Expr.Parse"/> could not read: where (<see cref="Position"/>, 0-based; the message
/// says the 1-based column) and what was expected there.
/// </summary>
public sealed class ExprParseException : FormatException
{
    public ExprParseException(string input, int position, string expected, string found)
        : base($"Parse error at column {position + 1} of \"{input}\": expected {expected} but found {found}")
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
}
