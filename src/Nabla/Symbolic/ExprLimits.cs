namespace Nabla.Symbolic;

/// <summary>
/// The limits of <see cref="Expr.Parse"/>. Deeper input is refused with an <see cref="ExprParseException"/>, so that
/// everything it accepts can also be printed, differentiated, simplified and evaluated without exhausting the stack.
/// </summary>
public static class ExprLimits
{
    /// <summary>Levels of nesting: each parenthesis, function call, unary sign and exponent opens one.</summary>
    public const int MaxNesting = 256;

    /// <summary>Depth of the parsed tree: a chain such as <c>a*b*c</c> of at most this many operands, all levels together.</summary>
    public const int MaxDepth = 1000;
}
