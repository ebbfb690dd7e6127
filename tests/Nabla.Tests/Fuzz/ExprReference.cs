using System.Globalization;

namespace Nabla.Tests.Fuzz;

/// <summary>
/// An independent reading of Expr.Parse's grammar for the fuzz tests: evaluates the text directly (no tree) with
/// the documented precedence (+ -, then * /, then unary signs, then right-associative ^ or **, whose exponent may
/// be signed), variables bound by <see cref="Value"/>. Null where the text is not a formula.
/// </summary>
internal sealed class ExprReference
{
    private static readonly string[] Functions = ["sin", "cos", "tan", "tanh", "sigmoid", "exp", "log", "sqrt", "abs", "sign"];

    private readonly string text;
    private int pos;

    private ExprReference(string text) => this.text = text;

    /// <summary>The value bound to a variable: a fixed function of its name, the same in every process.</summary>
    public static double Value(string name)
    {
        uint h = 2166136261;
        foreach (char c in name) h = (h ^ c) * 16777619;
        return 0.25 + h % 1000 / 800.0;
    }

    public static double? Evaluate(string text)
    {
        var r = new ExprReference(text);
        try
        {
            double v = r.Sum();
            r.Space();
            return r.pos == text.Length ? v : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private double Sum()
    {
        double v = Product();
        while (true)
        {
            if (Take("+")) v += Product();
            else if (Take("-")) v -= Product();
            else return v;
        }
    }

    private double Product()
    {
        double v = Unary();
        while (true)
        {
            if (!At("**") && Take("*")) v *= Unary();
            else if (Take("/")) v /= Unary();
            else return v;
        }
    }

    private double Unary()
    {
        if (Take("-")) return -Unary();
        if (Take("+")) return Unary();
        double b = Primary();
        return Take("**") || Take("^") ? Math.Pow(b, Unary()) : b;
    }

    private double Primary()
    {
        Space();
        if (pos >= text.Length) throw new FormatException();
        char c = text[pos];
        if (char.IsAsciiDigit(c) || c == '.') return Number();
        if (char.IsAsciiLetter(c) || c == '_')
        {
            int start = pos;
            while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_')) pos++;
            string name = text[start..pos];
            bool call = At("(");
            if (!Functions.Contains(name)) return call ? throw new FormatException() : Value(name);
            if (!Take("(")) throw new FormatException();
            double a = Sum();
            if (!Take(")")) throw new FormatException();
            return Apply(name, a);
        }
        if (!Take("(")) throw new FormatException();
        double v = Sum();
        return Take(")") ? v : throw new FormatException();
    }

    private double Number()
    {
        int start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        if (pos < text.Length && text[pos] == '.') pos++;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        int mark = pos;
        if (pos < text.Length && text[pos] is 'e' or 'E')
        {
            pos++;
            if (pos < text.Length && text[pos] is '+' or '-') pos++;
            if (pos < text.Length && char.IsAsciiDigit(text[pos])) while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
            else pos = mark;
        }
        if (!double.TryParse(text.AsSpan(start, pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new FormatException();
        return v;
    }

    private static double Apply(string f, double a) => f switch
    {
        "sin" => Math.Sin(a),
        "cos" => Math.Cos(a),
        "tan" => Math.Tan(a),
        "tanh" => Math.Tanh(a),
        "sigmoid" => 1 / (1 + Math.Exp(-a)),
        "exp" => Math.Exp(a),
        "log" => Math.Log(a),
        "sqrt" => Math.Sqrt(a),
        "abs" => Math.Abs(a),
        _ => a > 0 ? 1 : a < 0 ? -1 : a,
    };

    private bool At(string token)
    {
        Space();
        return string.CompareOrdinal(text, pos, token, 0, token.Length) == 0;
    }

    private bool Take(string token)
    {
        if (!At(token)) return false;
        pos += token.Length;
        return true;
    }

    private void Space()
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
    }

    /// <summary>Equal values, allowing the last bits of the functions whose formulas may differ (sigmoid, sign of NaN).</summary>
    public static bool Agree(double a, double b) =>
        a.Equals(b) || (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
}
