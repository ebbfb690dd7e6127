namespace Nabla.Symbolic;

/// <summary>
/// The scalar functions that <see cref="Math"/> lacks, written as Nabla's tensor kernels compute them, so that
/// <see cref="Expr.Evaluate(IReadOnlyDictionary{string, double})"/>, compiled delegates and the autodiff
/// functions agree. Public because compiled expression trees call them.
/// </summary>
public static class ScalarMath
{
    /// <summary>1/(1 + e^−x), as tanh(x/2)/2 + 1/2 so that it never overflows.</summary>
    public static double Sigmoid(double x) => 0.5 * Math.Tanh(0.5 * x) + 0.5;

    /// <summary>−1, 0 or 1 (NaN for NaN), as a double.</summary>
    public static double Sign(double x) => double.IsNaN(x) ? double.NaN : Math.Sign(x);

    /// <summary>The function <paramref name="f"/> of <paramref name="x"/>.</summary>
    public static double Apply(ExprKind f, double x) => f switch
    {
        ExprKind.Exp => Math.Exp(x),
        ExprKind.Log => Math.Log(x),
        ExprKind.Sqrt => Math.Sqrt(x),
        ExprKind.Sin => Math.Sin(x),
        ExprKind.Cos => Math.Cos(x),
        ExprKind.Tan => Math.Tan(x),
        ExprKind.Tanh => Math.Tanh(x),
        ExprKind.Sigmoid => Sigmoid(x),
        ExprKind.Abs => Math.Abs(x),
        ExprKind.Sign => Sign(x),
        _ => throw new ArgumentException($"ScalarMath.Apply: {f} is not a function of one argument", nameof(f)),
    };
}
