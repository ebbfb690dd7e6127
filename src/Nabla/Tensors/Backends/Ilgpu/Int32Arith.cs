namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>Int32 scalar operations (wrapping, as C# and NumPy; division by zero is rejected on the host).</summary>
/// <remarks>A near copy of <see cref="Int64Arith"/> on purpose: one struct generic over <c>IBinaryInteger&lt;T&gt;</c> fails in ILGPU 1.5's
/// kernel compiler, whose frontend rejects the generic conversions that FromDouble and ToLong need (tried: <c>T.CreateSaturating(double)</c> fails
/// with "Class type 'System.Type' is not supported", as they dispatch on <c>typeof</c>), so each element type spells its own.</remarks>
internal readonly struct Int32Arith : IArith<int>
{
    public bool IsFloat => false;

    public int Binary(int op, int x, int y) => op switch
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
    private static int Power(int x, int y)
    {
        int result = 1, b = x;
        for (long e = y; e > 0; e >>= 1)
        {
            if ((e & 1) != 0) result *= b;
            b *= b;
        }
        return result;
    }

    public int Unary(int op, int x) => op switch
    {
        0 => -x,
        1 => x < 0 ? -x : x,
        _ => x > 0 ? 1 : x < 0 ? -1 : 0,
    };

    public bool Compare(int op, int x, int y) => op switch
    {
        0 => x == y,
        1 => x != y,
        2 => x < y,
        3 => x <= y,
        4 => x > y,
        _ => x >= y,
    };

    public int Identity(int reduceOp) => reduceOp == 0 ? 0 : reduceOp == 1 ? int.MinValue : int.MaxValue;
    public bool IsNaN(int x) => false;
    public bool Greater(int x, int y) => x > y;
    public int Add(int x, int y) => x + y;
    public int Sub(int x, int y) => x - y;
    public int Mul(int x, int y) => x * y;
    public int Div(int x, int y) => y == 0 ? 0 : y == -1 ? -x : x / y;
    public int Sqrt(int x) => x;
    public int Tanh(int x) => x;

    // int.CreateSaturating(double): NaN is 0, out-of-range values clamp, others truncate toward zero.
    public int FromDouble(double x) => double.IsNaN(x) ? 0 : x >= 2147483647.0 ? int.MaxValue : x <= -2147483648.0 ? int.MinValue : (int)x;
    public int FromLong(long x) => x > int.MaxValue ? int.MaxValue : x < int.MinValue ? int.MinValue : (int)x;
    public double ToDouble(int x) => x;
    public long ToLong(int x) => x;
}
