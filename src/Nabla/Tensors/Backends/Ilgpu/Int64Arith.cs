namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>Int64 scalar operations (wrapping, as C# and NumPy; division by zero is rejected on the host).</summary>
/// <remarks>A near copy of <see cref="Int32Arith"/> on purpose: one struct generic over <c>IBinaryInteger&lt;T&gt;</c> fails in ILGPU 1.5's
/// kernel compiler, whose frontend rejects the generic conversions that FromDouble and ToLong need (tried: <c>T.CreateSaturating(double)</c> fails
/// with "Class type 'System.Type' is not supported", as they dispatch on <c>typeof</c>), so each element type spells its own.</remarks>
internal readonly struct Int64Arith : IArith<long>
{
    public bool IsFloat => false;

    public long Binary(int op, long x, long y) => op switch
    {
        0 => x + y,
        1 => x - y,
        2 => x * y,
        3 => y == 0 ? 0 : y == -1 ? -x : x / y,
        4 => Power(x, y),
        5 => x > y ? x : y,
        _ => x < y ? x : y,
    };

    // By squaring, as Binary.Power; negative exponents are rejected on the host.
    private static long Power(long x, long y)
    {
        long result = 1, b = x;
        for (long e = y; e > 0; e >>= 1)
        {
            if ((e & 1) != 0) result *= b;
            b *= b;
        }
        return result;
    }

    public long Unary(int op, long x) => op switch
    {
        0 => -x,
        1 => x < 0 ? -x : x,
        _ => x > 0 ? 1 : x < 0 ? -1 : 0,
    };

    public bool Compare(int op, long x, long y) => op switch
    {
        0 => x == y,
        1 => x != y,
        2 => x < y,
        3 => x <= y,
        4 => x > y,
        _ => x >= y,
    };

    public long Identity(int reduceOp) => reduceOp == 0 ? 0 : reduceOp == 1 ? long.MinValue : long.MaxValue;
    public bool IsNaN(long x) => false;
    public bool Greater(long x, long y) => x > y;
    public long Add(long x, long y) => x + y;
    public long Sub(long x, long y) => x - y;
    public long Mul(long x, long y) => x * y;
    public long Div(long x, long y) => y == 0 ? 0 : y == -1 ? -x : x / y;
    public long Sqrt(long x) => x;
    public long Tanh(long x) => x;

    // long.CreateSaturating(double): NaN is 0, out-of-range values clamp, others truncate toward zero.
    public long FromDouble(double x) => double.IsNaN(x) ? 0 : x >= 9223372036854775807.0 ? long.MaxValue : x <= -9223372036854775808.0 ? long.MinValue : (long)x;
    public long FromLong(long x) => x;
    public double ToDouble(long x) => x;
    public long ToLong(long x) => x;
}
