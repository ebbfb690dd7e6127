namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>Float32 scalar operations, with the CPU kernels' NaN rules (Maximum/Minimum propagate NaN as x + y; +0 above -0).</summary>
/// <remarks>A near copy of <see cref="Float64Arith"/> on purpose: one struct generic over <c>IFloatingPointIeee754&lt;T&gt;</c> fails in ILGPU 1.5's
/// kernel compiler, whose frontend rejects the generic conversions that FromDouble and ToLong need (tried: <c>T.CreateSaturating(double)</c> fails
/// with "Class type 'System.Type' is not supported", as they dispatch on <c>typeof</c>), so each element type spells its own.</remarks>
internal readonly struct Float32Arith : IArith<float>
{
    public bool IsFloat => true;

    public float Binary(int op, float x, float y) => op switch
    {
        0 => x + y,
        1 => x - y,
        2 => x * y,
        3 => x / y,
        4 => MathF.Pow(x, y),
        5 => Maximum(x, y),
        _ => Minimum(x, y),
    };

    // As Math.Max/Min (IEEE 754-2019 maximum/minimum: +0 above -0), after the NaN rule of Binary.Scalar.
    private static float Maximum(float x, float y)
    {
        if (float.IsNaN(x) || float.IsNaN(y)) return x + y;
        if (x != y) return y < x ? x : y;
        return 1f / y < 0f ? x : y;
    }

    private static float Minimum(float x, float y)
    {
        if (float.IsNaN(x) || float.IsNaN(y)) return x + y;
        if (x != y) return x < y ? x : y;
        return 1f / x < 0f ? x : y;
    }

    public float Unary(int op, float x) => op switch
    {
        0 => -x,
        1 => MathF.Abs(x),
        2 => float.IsNaN(x) ? x : x > 0f ? 1f : x < 0f ? -1f : 0f,
        3 => MathF.Exp(x),
        4 => MathF.Log(x),
        5 => MathF.Sqrt(x),
        6 => MathF.Sin(x),
        7 => MathF.Cos(x),
        8 => MathF.Tan(x),
        _ => MathF.Tanh(x),
    };

    public bool Compare(int op, float x, float y) => op switch
    {
        0 => x == y,
        1 => x != y,
        2 => x < y,
        3 => x <= y,
        4 => x > y,
        _ => x >= y,
    };

    public float Identity(int reduceOp) => reduceOp == 0 ? 0f : reduceOp == 1 ? float.NegativeInfinity : float.PositiveInfinity;
    public bool IsNaN(float x) => float.IsNaN(x);
    public bool Greater(float x, float y) => x > y;
    public float Add(float x, float y) => x + y;
    public float Sub(float x, float y) => x - y;
    public float Mul(float x, float y) => x * y;
    public float Div(float x, float y) => x / y;
    public float Sqrt(float x) => MathF.Sqrt(x);
    public float Tanh(float x) => MathF.Tanh(x);
    public float FromDouble(double x) => (float)x;
    public float FromLong(long x) => x;
    public double ToDouble(float x) => x;
    public long ToLong(float x) => (long)x;
}
