using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

internal static class ExprTestExtensions
{
    /// <summary>
    /// True if some power's exponent is not a plain number: ToFunction writes u^v as exp(v·log u), and a
    /// constant exponent such as 1/2 as the one number 0.5, so the graph does not read back to the same tree.
    /// </summary>
    public static bool UsesVariablePower(this Expr e) =>
        e.Kind == ExprKind.Power && !e.Args[1].IsNumber || e.Args.Any(UsesVariablePower);
}
