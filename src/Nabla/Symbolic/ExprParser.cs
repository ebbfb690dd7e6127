using System.Globalization;

namespace Nabla.Symbolic;

/// <summary>
/// Recursive descent over the usual precedence: sums, then products, then unary minus, then right-associative
/// powers (so <c>-x^2</c> is −(x²) and <c>2^-x</c> is allowed), then numbers, variables, calls and parentheses.
/// </summary>
internal sealed class ExprParser
{
    /// <summary>Deeper nesting is refused with a message rather than risking the stack.</summary>
    private const int MaxDepth = 256;

    private readonly string text;
    private int pos;
    private int depth;

    private ExprParser(string text) => this.text = text;

    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var p = new ExprParser(text);
        var e = p.ParseSum();
        p.SkipSpace();
        if (p.pos < text.Length)
            throw p.Error(p.Peek() == ')' ? "an operator or the end of input (this ')' has no matching '(')" : "an operator or the end of input");
        return e;
    }

    private Expr ParseSum()
    {
        Enter();
        var left = ParseProduct();
        while (true)
        {
            if (Accept("+")) left = Expr.Add(left, ParseProduct());
            else if (Accept("-")) left = Expr.Sub(left, ParseProduct());
            else break;
        }
        depth--;
        return left;
    }

    private Expr ParseProduct()
    {
        var left = ParseUnary();
        while (true)
        {
            if (Accept("*")) left = Expr.Mul(left, ParseUnary());
            else if (Accept("/")) left = Expr.Div(left, ParseUnary());
            else return left;
        }
    }

    private Expr ParseUnary()
    {
        Enter();
        Expr e;
        if (Accept("-")) e = Expr.Neg(ParseUnary());
        else if (Accept("+")) e = ParseUnary();
        else e = ParsePower();
        depth--;
        return e;
    }

    private Expr ParsePower()
    {
        var b = ParsePrimary();
        return Accept("^") ? Expr.Pow(b, ParseUnary()) : b;
    }

    private Expr ParsePrimary()
    {
        SkipSpace();
        if (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '.')) return ParseNumber();
        if (pos < text.Length && (char.IsAsciiLetter(text[pos]) || text[pos] == '_')) return ParseName();
        if (Accept("("))
        {
            var e = ParseSum();
            Expect(")");
            return e;
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
            throw new ExprParseException(text, start, "a number", $"'{token}'");
        if (!double.IsFinite(v))
            throw new ExprParseException(text, start, "a number within the range of a double", $"'{token}'");
        return Expr.Num(v);
    }

    private Expr ParseName()
    {
        int start = pos;
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_')) pos++;
        var name = text[start..pos];
        bool call = PeekAfterSpace() == '(';
        if (Expr.TryFunction(name, out var kind))
        {
            if (!call) throw Error($"'(' after the function name '{name}'");
            Expect("(");
            var arg = ParseSum();
            Expect(")");
            return Expr.Call(kind, arg);
        }
        if (call)
            throw new ExprParseException(text, start, $"a known function ({Expr.FunctionNames})", $"unknown function '{name}'");
        return Expr.Var(name);
    }

    private void Enter()
    {
        if (++depth > MaxDepth)
            throw new ExprParseException(text, pos, $"at most {MaxDepth} levels of nesting", "deeper nesting");
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
        return new ExprParseException(text, pos, expected, pos < text.Length ? $"'{text[pos]}'" : "end of input");
    }
}
