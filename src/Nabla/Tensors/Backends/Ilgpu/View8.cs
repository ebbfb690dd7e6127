namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>How one operand is laid over a <see cref="Layout8"/>: an element offset and a stride per dimension (0 broadcasts), innermost first.</summary>
internal struct View8
{
    public int Offset;
    public int S0, S1, S2, S3, S4, S5, S6, S7;

    /// <summary>The element offset of multi-index <paramref name="x"/>; unused dimensions have index 0.</summary>
    public readonly int At(Index8 x) =>
        Offset + x.I0 * S0 + x.I1 * S1 + x.I2 * S2 + x.I3 * S3 + x.I4 * S4 + x.I5 * S5 + x.I6 * S6 + x.I7 * S7;

    public void Set(int d, int value)
    {
        switch (d)
        {
            case 0: S0 = value; break;
            case 1: S1 = value; break;
            case 2: S2 = value; break;
            case 3: S3 = value; break;
            case 4: S4 = value; break;
            case 5: S5 = value; break;
            case 6: S6 = value; break;
            default: S7 = value; break;
        }
    }
}
