namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>Float64 scalar operations, with the CPU kernels' NaN rules (Maximum/Minimum propagate NaN as x + y; +0 above -0).</summary>
/// <remarks>A near copy of <see cref="Float32Arith"/> on purpose: one struct generic over <c>IFloatingPointIeee754&lt;T&gt;</c> fails in ILGPU 1.5's
/// kernel compiler, whose frontend rejects the generic conversions that FromDouble and ToLong need (tried: <c>T.CreateSaturating(double)</c> fails
/// with "Class type 'System.Type' is not supported", as they dispatch on <c>typeof</c>), so each element type spells its own.</remarks>
internal readonly struct Float64Arith : IArith<double>
{
    public bool IsFloat => true;

    public double Binary(int op, double x, double y) => op switch
    {
        0 => x + y,
        1 => x - y,
        2 => x * y,
        3 => x / y,
        4 => Math.Pow(x, y),
        5 => Maximum(x, y),
        _ => Minimum(x, y),
    };

    // As Math.Max/Min (IEEE 754-2019 maximum/minimum: +0 above -0), after the NaN rule of Binary.Scalar.
    private static double Maximum(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y)) return x + y;
        if (x != y) return y < x ? x : y;
        return 1d / y < 0d ? x : y;
    }

    private static double Minimum(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y)) return x + y;
        if (x != y) return x < y ? x : y;
        return 1d / x < 0d ? x : y;
    }

    public double Unary(int op, double x) => op switch
    {
        0 => -x,
        1 => Math.Abs(x),
        2 => double.IsNaN(x) ? x : x > 0d ? 1d : x < 0d ? -1d : 0d,
        3 => Math.Exp(x),
        4 => Math.Log(x),
        5 => Math.Sqrt(x),
        6 => Math.Sin(x),
        7 => Math.Cos(x),
        8 => Math.Tan(x),
        _ => Math.Tanh(x),
    };

    public bool Compare(int op, double x, double y) => op switch
    {
        0 => x == y,
        1 => x != y,
        2 => x < y,
        3 => x <= y,
        4 => x > y,
        _ => x >= y,
    };

    public double Identity(int reduceOp) => reduceOp == 0 ? 0d : reduceOp == 1 ? double.NegativeInfinity : double.PositiveInfinity;
    public bool IsNaN(double x) => double.IsNaN(x);
    public bool Greater(double x, double y) => x > y;
    public double Add(double x, double y) => x + y;
    public double Sub(double x, double y) => x - y;
    public double Mul(double x, double y) => x * y;
    public double Div(double x, double y) => x / y;
    public double Sqrt(double x) => Math.Sqrt(x);
    public double Tanh(double x) => Math.Tanh(x);
    public double FromDouble(double x) => x;
    public double FromLong(long x) => x;
    public double ToDouble(double x) => x;
    public long ToLong(double x) => (long)x;
}
