namespace Nabla.Functions;

/// <summary>
/// What a <see cref="SlopeFormula"/> is evaluated over: Variables (autodiff), symbolic expressions, or numbers. A
/// number on the left stays a number, so that on Variables <c>1 - y*y</c> is the same graph as the C# expression.
/// </summary>
public interface ISlopeAlgebra<T>
{
    /// <summary>c + b.</summary>
    T Add(double c, T b);

    /// <summary>c − b.</summary>
    T Subtract(double c, T b);

    /// <summary>c · b.</summary>
    T Multiply(double c, T b);

    /// <summary>c / b.</summary>
    T Divide(double c, T b);

    /// <summary>a · b.</summary>
    T Multiply(T a, T b);

    /// <summary>−a.</summary>
    T Negate(T a);

    /// <summary>a².</summary>
    T Square(T a);

    /// <summary>f(a).</summary>
    T Apply(ElementwiseRule f, T a);

    /// <summary>The signs of a, as a constant.</summary>
    T Sign(T a);
}
