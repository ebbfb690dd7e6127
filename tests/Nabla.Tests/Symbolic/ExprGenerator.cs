using Nabla.Symbolic;
using Nabla.Tensors;

namespace Nabla.Tests.Symbolic;

/// <summary>
/// Random expressions over x and y with every operation and function, from a seed (so an FsCheck failure
/// prints a seed that reproduces it). Nothing keeps them inside their domains: <see cref="Agreement.IsSafeAround"/>
/// decides at which points a formula is smooth enough to compare derivatives.
/// </summary>
internal static class ExprGenerator
{
    private static readonly double[] Constants = [0.5, 1.5, 2, 3, 0.25];
    private static readonly ExprKind[] Functions =
        [ExprKind.Sin, ExprKind.Cos, ExprKind.Tan, ExprKind.Tanh, ExprKind.Sigmoid, ExprKind.Exp, ExprKind.Log, ExprKind.Sqrt, ExprKind.Abs];

    public static Expr Random(int seed, int depth = 4)
    {
        var rng = new Generator(seed);
        return Node(rng, depth);
    }

    private static int Next(Generator rng, int n) => (int)rng.NextInt64(0, n);

    private static Expr Node(Generator rng, int depth)
    {
        if (depth == 0 || rng.NextDouble() < 0.2) return Leaf(rng);
        var a = Node(rng, depth - 1);
        switch (Next(rng, 10))
        {
            case 0: return a + Node(rng, depth - 1);
            case 1: return a - Node(rng, depth - 1);
            case 2: case 3: return a * Node(rng, depth - 1);
            case 4: return a / Node(rng, depth - 1);
            case 5: return Expr.Pow(a, Exponent(rng, depth));
            case 6: return -a;
            default: return Expr.Call(Functions[Next(rng, Functions.Length)], a);
        }
    }

    /// <summary>Mostly a constant exponent (2, 3, −1, 0.5, 1.5), sometimes an expression (x^y).</summary>
    private static Expr Exponent(Generator rng, int depth) => Next(rng, 6) switch
    {
        0 => 2,
        1 => 3,
        2 => -1,
        3 => 0.5,
        4 => 1.5,
        _ => Node(rng, Math.Min(depth - 1, 1)),
    };

    private static Expr Leaf(Generator rng) => Next(rng, 5) switch
    {
        0 or 1 or 2 => Expr.Var("x"),
        3 => Expr.Var("y"),
        _ => Constants[Next(rng, Constants.Length)],
    };
}
