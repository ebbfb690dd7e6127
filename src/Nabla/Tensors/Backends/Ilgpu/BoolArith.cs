namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>Bool stored as a byte (0 or 1): only the conversions are meaningful (anything to Bool is "not zero", Bool to numbers is 1 or 0).</summary>
internal readonly struct BoolArith : IArith<byte>
{
    public bool IsFloat => false;
    public byte Binary(int op, byte x, byte y) => x;
    public byte Unary(int op, byte x) => x;
    public bool Compare(int op, byte x, byte y) => op == 0 ? x == y : x != y;
    public byte Identity(int reduceOp) => 0;
    public bool IsNaN(byte x) => false;
    public bool Greater(byte x, byte y) => x > y;
    public byte Add(byte x, byte y) => x;
    public byte Sub(byte x, byte y) => x;
    public byte Mul(byte x, byte y) => x;
    public byte Div(byte x, byte y) => x;
    public byte Sqrt(byte x) => x;
    public byte Tanh(byte x) => x;
    public byte FromDouble(double x) => x != 0.0 ? (byte)1 : (byte)0;
    public byte FromLong(long x) => x != 0 ? (byte)1 : (byte)0;
    public double ToDouble(byte x) => x != 0 ? 1.0 : 0.0;
    public long ToLong(byte x) => x != 0 ? 1 : 0;
}
