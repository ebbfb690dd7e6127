using System.Runtime.CompilerServices;
using System.Text;

namespace Nabla.Symbolic;

/// <summary>
/// LaTeX math: \frac for division, juxtaposition for products (\cdot only before a number), \sin^{2}\left(x\right)
/// for powers of named functions, e^{u}, \sqrt{u}, \left|u\right|, \ln, \sigma, \operatorname{sgn}.
/// </summary>
internal static class LatexPrinter
{
    public static string Print(Expr e) => ExprPrinter.Render(e, Write);

    /// <summary>As for infix text, except that a fraction is self-delimiting.</summary>
    private static int Precedence(Expr e) => e.Kind == ExprKind.Divide ? 5 : ExprPrinter.Precedence(e);

    private static void Write(StringBuilder sb, Expr e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e.Kind)
        {
            case ExprKind.Number: sb.Append(Number(e.Value)); break;
            case ExprKind.Variable: sb.Append(Variable(e.Name)); break;
            case ExprKind.Add: Binary(sb, e, " + ", 1); break;
            case ExprKind.Subtract: Binary(sb, e, " - ", 1); break;
            case ExprKind.Multiply:
                Operand(sb, e.Arg0, Precedence(e.Arg0) < 2);
                bool needsDot = Precedence(e.Arg1) > 2 && StartsWithNumber(e.Arg1); // 2 \cdot 3^{x}, but 2 x and 2 \left(x + 1\right)
                sb.Append(needsDot ? " \\cdot " : " ");
                Operand(sb, e.Arg1, Precedence(e.Arg1) <= 2);
                break;
            case ExprKind.Divide:
                sb.Append("\\frac{");
                Write(sb, e.Arg0);
                sb.Append("}{");
                Write(sb, e.Arg1);
                sb.Append('}');
                break;
            case ExprKind.Negate:
                sb.Append('-');
                Operand(sb, e.Arg0, e.Arg0.Kind is ExprKind.Add or ExprKind.Subtract);
                break;
            case ExprKind.Power: Power(sb, e.Arg0, e.Arg1); break;
            default: Function(sb, e.Kind, e.Arg0, null); break;
        }
    }

    private static void Binary(StringBuilder sb, Expr e, string op, int precedence)
    {
        Operand(sb, e.Arg0, Precedence(e.Arg0) < precedence);
        sb.Append(op);
        Operand(sb, e.Arg1, Precedence(e.Arg1) <= precedence);
    }

    private static void Power(StringBuilder sb, Expr b, Expr exponent)
    {
        bool named = b.Kind is ExprKind.Sin or ExprKind.Cos or ExprKind.Tan or ExprKind.Tanh or ExprKind.Log;
        if (named && exponent.Kind == ExprKind.Number && exponent.Value > 0 && exponent.Value == Math.Round(exponent.Value))
        {
            Function(sb, b.Kind, b.Arg0, exponent); // \sin^{2}\left(x\right)
            return;
        }
        Operand(sb, b, Precedence(b) <= 4 || b.Kind == ExprKind.Exp);
        sb.Append("^{");
        Write(sb, exponent);
        sb.Append('}');
    }

    private static void Function(StringBuilder sb, ExprKind f, Expr a, Expr? power)
    {
        switch (f)
        {
            case ExprKind.Exp: sb.Append("e^{"); Write(sb, a); sb.Append('}'); return;
            case ExprKind.Sqrt: sb.Append("\\sqrt{"); Write(sb, a); sb.Append('}'); return;
            case ExprKind.Abs: sb.Append("\\left|"); Write(sb, a); sb.Append("\\right|"); return;
        }
        sb.Append(f switch
        {
            ExprKind.Log => "\\ln",
            ExprKind.Sigmoid => "\\sigma",
            ExprKind.Sign => "\\operatorname{sgn}",
            _ => "\\" + Expr.FunctionName(f),
        });
        if (power is not null)
        {
            sb.Append("^{");
            Write(sb, power);
            sb.Append('}');
        }
        sb.Append("\\left(");
        Write(sb, a);
        sb.Append("\\right)");
    }

    private static void Operand(StringBuilder sb, Expr e, bool parenthesize)
    {
        if (parenthesize) sb.Append("\\left(");
        Write(sb, e);
        if (parenthesize) sb.Append("\\right)");
    }

    private static bool StartsWithNumber(Expr e) => e.Kind switch
    {
        ExprKind.Number => true,
        ExprKind.Multiply or ExprKind.Power => StartsWithNumber(e.Arg0) && Precedence(e.Arg0) >= 3,
        _ => false,
    };

    private static readonly HashSet<string> Greek =
    [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
        "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega",
    ];

    /// <summary>x, \alpha, x_{1}, or \mathrm{rate} for longer names.</summary>
    private static string Variable(string name)
    {
        if (name.Length == 1 || Greek.Contains(name)) return name.Length == 1 ? name : "\\" + name;
        int bar = name.IndexOf('_');
        if (bar > 0 && bar < name.Length - 1 && name.IndexOf('_', bar + 1) < 0)
            return Variable(name[..bar]) + "_{" + name[(bar + 1)..] + "}";
        return "\\mathrm{" + name.Replace("_", "\\_") + "}";
    }

    /// <summary>1.5, or 1.5 \times 10^{-7} for what .NET writes as 1.5E-07.</summary>
    private static string Number(double v)
    {
        var s = ExprPrinter.Number(v);
        int e = s.IndexOf('E');
        if (e < 0) return s;
        return s[..e] + " \\times 10^{" + int.Parse(s[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture) + "}";
    }
}
