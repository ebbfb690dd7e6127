namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>A multi-index of up to 8 dimensions, innermost first (see <see cref="Layout8"/>).</summary>
internal struct Index8
{
    public int I0, I1, I2, I3, I4, I5, I6, I7;
}
