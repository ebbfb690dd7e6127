namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>The sizes and element strides of one batched product c[z] (M×N, contiguous) = a[z] (M×K) · b[z] (K×N).</summary>
internal struct MatMulParams
{
    public int M, N, K;
    public int ARow, ACol, BRow, BCol;
    public int COffset;
    public int Tile;
    /// <summary>The batch index of grid z = 0 (launches cover at most 65535 batch entries each).</summary>
    public int BatchBase;
}
