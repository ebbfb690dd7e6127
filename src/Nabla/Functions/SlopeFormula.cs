namespace Nabla.Functions;

/// <summary>
/// The derivative f'(x) of an elementwise function as a small formula in its input x and output y = f(x), written
/// once and read in several ways: on Variables for the backward and forward-mode rules (so that the slope is itself
/// differentiable), on symbolic expressions for <c>Nabla.Symbolic</c>'s differentiator, and on numbers in the tests
/// that tie the vectorised kernels to it. Build one from <see cref="X"/>, <see cref="Y"/>, numbers and the operators.
/// </summary>
public abstract class SlopeFormula
{
    private protected SlopeFormula()
    {
    }

    /// <summary>The input x.</summary>
    public static SlopeFormula X { get; } = new Leaf(true);

    /// <summary>The output y = f(x).</summary>
    public static SlopeFormula Y { get; } = new Leaf(false);

    /// <summary>The formula with x and y bound to <paramref name="x"/> and <paramref name="y"/> in <paramref name="algebra"/>.</summary>
    public abstract T Evaluate<T>(ISlopeAlgebra<T> algebra, T x, T y);

    /// <summary>c + e.</summary>
    public static SlopeFormula operator +(double c, SlopeFormula e) => new WithNumber('+', c, e);

    /// <summary>c − e.</summary>
    public static SlopeFormula operator -(double c, SlopeFormula e) => new WithNumber('-', c, e);

    /// <summary>c · e.</summary>
    public static SlopeFormula operator *(double c, SlopeFormula e) => new WithNumber('*', c, e);

    /// <summary>c / e.</summary>
    public static SlopeFormula operator /(double c, SlopeFormula e) => new WithNumber('/', c, e);

    /// <summary>a · b.</summary>
    public static SlopeFormula operator *(SlopeFormula a, SlopeFormula b) => new Product(a, b);

    /// <summary>−e.</summary>
    public static SlopeFormula operator -(SlopeFormula e) => new Negation(e);

    /// <summary>e² (a product on Variables, a power in formulas).</summary>
    public static SlopeFormula Square(SlopeFormula e) => new Squared(e);

    /// <summary>The elementwise function <paramref name="f"/> applied to <paramref name="e"/>.</summary>
    public static SlopeFormula Call(ElementwiseRule f, SlopeFormula e) => new Application(f, e);

    /// <summary>The signs of e, a constant: piecewise constant, it has no derivative of its own.</summary>
    public static SlopeFormula Sign(SlopeFormula e) => new Signs(e);

    private sealed class Leaf(bool isX) : SlopeFormula
    {
        public override T Evaluate<T>(ISlopeAlgebra<T> algebra, T x, T y) => isX ? x : y;

        public override string ToString() => isX ? "x" : "y";
    }

    private sealed class WithNumber(char op, double c, SlopeFormula e) : SlopeFormula
    {
        public override T Evaluate<T>(ISlopeAlgebra<T> algebra, T x, T y)
        {
            var v = e.Evaluate(algebra, x, y);
            return op switch
            {
                '+' => algebra.Add(c, v),
                '-' => algebra.Subtract(c, v),
                '*' => algebra.Multiply(c, v),
                _ => algebra.Divide(c, v),
            };
        }

        public override string ToString() => $"({c} {op} {e})";
    }

    private sealed class Product(SlopeFormula a, SlopeFormula b) : SlopeFormula
    {
        public override T Evaluate<T>(ISlopeAlgebra<T> algebra, T x, T y) => algebra.Multiply(a.Evaluate(algebra, x, y), b.Evaluate(algebra, x, y));

        public override string ToString() => $"({a} * {b})";
    }

    private sealed class Negation(SlopeFormula e) : SlopeFormula
    {
        public override T Evaluate<T>(ISlopeAlgebra<T> algebra, T x, T y) => algebra.Negate(e.Evaluate(algebra, x, y));

        public override string ToString() => $"-{e}";
    }

    private sealed class Squared(SlopeFormula e) : SlopeFormula
    {
        public override T Evaluate<T>(ISlopeAlgebra<T> algebra, T x, T y) => algebra.Square(e.Evaluate(algebra, x, y));

        public override string ToString() => $"{e}^2";
    }

    private sealed class Application(ElementwiseRule f, SlopeFormula e) : SlopeFormula
    {
        public override T Evaluate<T>(ISlopeAlgebra<T> algebra, T x, T y) => algebra.Apply(f, e.Evaluate(algebra, x, y));

        public override string ToString() => $"{f.Name}({e})";
    }

    private sealed class Signs(SlopeFormula e) : SlopeFormula
    {
        public override T Evaluate<T>(ISlopeAlgebra<T> algebra, T x, T y) => algebra.Sign(e.Evaluate(algebra, x, y));

        public override string ToString() => $"sign({e})";
    }
}
