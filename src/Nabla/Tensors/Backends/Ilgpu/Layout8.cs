namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// A shape of up to 8 dimensions as a kernel parameter (ILGPU parameters are unmanaged structs, no arrays), stored
/// innermost first: D0 is the last axis. <see cref="Rank"/> dimensions are used; the others are 1.
/// </summary>
internal struct Layout8
{
    public int Rank;
    public int D0, D1, D2, D3, D4, D5, D6, D7;

    /// <summary>The multi-index of row-major position <paramref name="i"/>: one division per dimension, none for the outermost.</summary>
    public readonly Index8 Decompose(int i)
    {
        var x = default(Index8);
        int r = Rank;
        if (r <= 1) { x.I0 = i; return x; }
        x.I0 = i % D0; i /= D0;
        if (r == 2) { x.I1 = i; return x; }
        x.I1 = i % D1; i /= D1;
        if (r == 3) { x.I2 = i; return x; }
        x.I2 = i % D2; i /= D2;
        if (r == 4) { x.I3 = i; return x; }
        x.I3 = i % D3; i /= D3;
        if (r == 5) { x.I4 = i; return x; }
        x.I4 = i % D4; i /= D4;
        if (r == 6) { x.I5 = i; return x; }
        x.I5 = i % D5; i /= D5;
        if (r == 7) { x.I6 = i; return x; }
        x.I6 = i % D6; i /= D6;
        x.I7 = i;
        return x;
    }

    public void Set(int d, int value)
    {
        switch (d)
        {
            case 0: D0 = value; break;
            case 1: D1 = value; break;
            case 2: D2 = value; break;
            case 3: D3 = value; break;
            case 4: D4 = value; break;
            case 5: D5 = value; break;
            case 6: D6 = value; break;
            default: D7 = value; break;
        }
    }

    public readonly int Get(int d) => d switch { 0 => D0, 1 => D1, 2 => D2, 3 => D3, 4 => D4, 5 => D5, 6 => D6, _ => D7 };
}
