using System.Globalization;

namespace Nabla.Symbolic;

/// <summary>
/// Recursive descent over the usual precedence: sums, then products, then unary minus, then right-associative
/// powers (so <c>-x^2</c> is −(x²) and <c>2^-x</c> is allowed), then numbers, variables, calls and parentheses.
/// Nesting and tree depth are bounded by <see cref="ExprLimits"/>.
/// </summary>
internal sealed class ExprParser
{
    private readonly string text;
    private int pos;
    private int nesting;

    /// <summary>A parsed subexpression and the depth of its tree (a leaf is 1), tracked to enforce <see cref="ExprLimits.MaxDepth"/>.</summary>
    private readonly record struct Node(Expr Expr, int Depth);

    private ExprParser(string text) => this.text = text;

    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var p = new ExprParser(text);
        var e = p.ParseSum();
        p.SkipSpace();
        if (p.pos < text.Length)
            throw p.Error(p.Peek() == ')' ? "an operator or the end of input (this ')' has no matching '(')" : "an operator or the end of input");
        return e.Expr;
    }

    private Node ParseSum() => ParseLeftAssociative(ParseProduct, ("+", Expr.Add), ("-", Expr.Sub));

    private Node ParseProduct() => ParseLeftAssociative(ParseUnary, ("*", Expr.Mul), ("/", Expr.Div));

    /// <summary>One precedence level: operands joined left to right by either of its two operators.</summary>
    private Node ParseLeftAssociative(Func<Node> operand, (string Token, Func<Expr, Expr, Expr> Make) first, (string Token, Func<Expr, Expr, Expr> Make) second)
    {
        var left = operand();
        while (true)
        {
            int at = pos;
            if (Accept(first.Token)) left = Binary(first.Make, left, operand(), at);
            else if (Accept(second.Token)) left = Binary(second.Make, left, operand(), at);
            else return left;
        }
    }

    private Node ParseUnary()
    {
        SkipSpace();
        int at = pos;
        if (Accept("-")) return Nested(at, () => Unary(Expr.Neg, ParseUnary(), at));
        if (Accept("+")) return Nested(at, ParseUnary);
        return ParsePower();
    }

    private Node ParsePower()
    {
        var b = ParsePrimary();
        SkipSpace();
        int at = pos;
        return Accept("^") ? Nested(at, () => Binary(Expr.Pow, b, ParseUnary(), at)) : b;
    }

    private Node ParsePrimary()
    {
        SkipSpace();
        if (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '.')) return new Node(ParseNumber(), 1);
        if (pos < text.Length && (char.IsAsciiLetter(text[pos]) || text[pos] == '_')) return ParseName();
        int at = pos;
        if (Accept("("))
        {
            return Nested(at, () =>
            {
                var e = ParseSum();
                Expect(")");
                return e;
            });
        }
        throw Error("a number, a variable, a function call or '('");
    }

    private Expr ParseNumber()
    {
        int start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        if (pos < text.Length && text[pos] == '.') pos++;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        if (pos < text.Length && text[pos] is 'e' or 'E')
        {
            int mark = pos++;
            if (pos < text.Length && text[pos] is '+' or '-') pos++;
            if (pos < text.Length && char.IsAsciiDigit(text[pos]))
                while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
            else pos = mark; // "2e" is the number 2 followed by the variable e: let the caller report it
        }
        var token = text[start..pos];
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new ExprParseException(text, start, "a number", ExprParseException.Quote(token));
        if (!double.IsFinite(v))
            throw new ExprParseException(text, start, "a number within the range of a double", ExprParseException.Quote(token));
        return Expr.Num(v);
    }

    private Node ParseName()
    {
        int start = pos;
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_')) pos++;
        var name = text[start..pos];
        bool call = PeekAfterSpace() == '(';
        if (Expr.TryFunction(name, out var kind))
        {
            if (!call) throw Error($"'(' after the function name '{name}'");
            return Nested(start, () =>
            {
                Expect("(");
                var arg = ParseSum();
                Expect(")");
                return Unary(a => Expr.Call(kind, a), arg, start);
            });
        }
        if (call)
            throw new ExprParseException(text, start, $"a known function ({Expr.FunctionNames})", "unknown function " + ExprParseException.Quote(name));
        return new Node(Expr.Var(name), 1);
    }

    /// <summary>Parses one level deeper, refusing more than <see cref="ExprLimits.MaxNesting"/> levels at the token that opens the level.</summary>
    private Node Nested(int at, Func<Node> parse)
    {
        if (++nesting > ExprLimits.MaxNesting)
            throw new ExprParseException(text, at, $"at most {ExprLimits.MaxNesting} levels of nesting (parentheses, calls, signs, exponents)", "deeper nesting");
        var node = parse();
        nesting--;
        return node;
    }

    private Node Unary(Func<Expr, Expr> make, Node a, int at) => Checked(make(a.Expr), a.Depth + 1, at);

    private Node Binary(Func<Expr, Expr, Expr> make, Node a, Node b, int at) =>
        Checked(make(a.Expr, b.Expr), Math.Max(a.Depth, b.Depth) + 1, at);

    private Node Checked(Expr e, int depth, int at)
    {
        if (depth > ExprLimits.MaxDepth)
            throw new ExprParseException(text, at, $"an expression at most {ExprLimits.MaxDepth} levels deep (e.g. a chain of at most {ExprLimits.MaxDepth} operands)", "a deeper one");
        return new Node(e, depth);
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (token == "^" && string.CompareOrdinal(text, pos, "**", 0, 2) == 0)
        {
            pos += 2; // Python's power operator reads as ^
            return true;
        }
        if (token == "*" && string.CompareOrdinal(text, pos, "**", 0, 2) == 0) return false;
        if (string.CompareOrdinal(text, pos, token, 0, token.Length) != 0) return false;
        pos += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Accept(token)) throw Error($"'{token}'");
    }

    private void SkipSpace()
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
    }

    private char Peek() => pos < text.Length ? text[pos] : '\0';

    private char PeekAfterSpace()
    {
        SkipSpace();
        return Peek();
    }

    private ExprParseException Error(string expected)
    {
        SkipSpace();
        return new ExprParseException(text, pos, expected, ExprParseException.Describe(text, pos));
    }
}
