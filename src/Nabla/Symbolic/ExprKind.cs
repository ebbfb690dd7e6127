namespace Nabla.Symbolic;

/// <summary>
/// The kind of an <see cref="Expr"/> node. The functions are listed in the order in which a product prints
/// them (sin(x)*exp(x), not exp(x)*sin(x)).
/// </summary>
public enum ExprKind
{
    /// <summary>A finite number.</summary>
    Number,
    /// <summary>A named variable.</summary>
    Variable,
    /// <summary>a + b.</summary>
    Add,
    /// <summary>a − b.</summary>
    Subtract,
    /// <summary>a · b.</summary>
    Multiply,
    /// <summary>a / b.</summary>
    Divide,
    /// <summary>a ^ b.</summary>
    Power,
    /// <summary>−a.</summary>
    Negate,
    /// <summary>sin(a).</summary>
    Sin,
    /// <summary>cos(a).</summary>
    Cos,
    /// <summary>tan(a).</summary>
    Tan,
    /// <summary>tanh(a).</summary>
    Tanh,
    /// <summary>The logistic function 1/(1 + e^−a).</summary>
    Sigmoid,
    /// <summary>e^a.</summary>
    Exp,
    /// <summary>The natural logarithm.</summary>
    Log,
    /// <summary>The square root.</summary>
    Sqrt,
    /// <summary>|a|.</summary>
    Abs,
    /// <summary>The sign of a (−1, 0 or 1): the derivative of |a|, itself of derivative 0.</summary>
    Sign,
}
