using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Nabla.Symbolic;

/// <summary>
/// Infix text with the fewest parentheses that keep the tree's shape: + − bind loosest, then * /, then unary
/// minus, then right-associative ^. <see cref="Expr.Parse"/> reads the text back to an expression of the same
/// value (the one liberty: −(2·x) prints as -2*x).
/// </summary>
internal static class ExprPrinter
{
    public static string Print(Expr e) => Render(e, Write);

    /// <summary>The text <paramref name="write"/> makes of <paramref name="e"/>: the entry of every printer.</summary>
    internal static string Render(Expr e, Action<StringBuilder, Expr> write)
    {
        var sb = new StringBuilder();
        write(sb, e);
        return sb.ToString();
    }

    /// <summary>How tightly the printed form binds: 1 sums, 2 products, 3 negations, 4 powers, 5 atoms.</summary>
    internal static int Precedence(Expr e) => e.Kind switch
    {
        ExprKind.Add or ExprKind.Subtract => 1,
        ExprKind.Multiply or ExprKind.Divide => 2,
        ExprKind.Negate => e.Arg0.Kind is ExprKind.Multiply or ExprKind.Divide ? 2 : 3, // -2*x reads as a product
        ExprKind.Number => e.Value < 0 ? 3 : 5,
        ExprKind.Power => 4,
        _ => 5,
    };

    private static void Write(StringBuilder sb, Expr e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e.Kind)
        {
            case ExprKind.Number: sb.Append(Number(e.Value)); break;
            case ExprKind.Variable: sb.Append(e.Name); break;
            case ExprKind.Add: Binary(sb, e, " + ", 1); break;
            case ExprKind.Subtract: Binary(sb, e, " - ", 1); break;
            case ExprKind.Multiply: Binary(sb, e, "*", 2); break;
            case ExprKind.Divide: Binary(sb, e, "/", 2); break;
            case ExprKind.Negate:
                sb.Append('-');
                Operand(sb, e.Arg0, e.Arg0.Kind is ExprKind.Add or ExprKind.Subtract);
                break;
            case ExprKind.Power:
                Operand(sb, e.Arg0, Precedence(e.Arg0) <= 4);
                sb.Append('^');
                Operand(sb, e.Arg1, Precedence(e.Arg1) < 3);
                break;
            default:
                sb.Append(Expr.FunctionName(e.Kind)).Append('(');
                Write(sb, e.Arg0);
                sb.Append(')');
                break;
        }
    }

    /// <summary>Left-associative: the left operand needs parentheses only if it binds looser, the right one also if equal.</summary>
    private static void Binary(StringBuilder sb, Expr e, string op, int precedence)
    {
        Operand(sb, e.Arg0, Precedence(e.Arg0) < precedence);
        sb.Append(op);
        Operand(sb, e.Arg1, Precedence(e.Arg1) <= precedence);
    }

    private static void Operand(StringBuilder sb, Expr e, bool parenthesize)
    {
        if (parenthesize) sb.Append('(');
        Write(sb, e);
        if (parenthesize) sb.Append(')');
    }

    /// <summary>The shortest text that reads back as the same double.</summary>
    internal static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
