using Nabla.Tensors.Kernels;

namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary><see cref="ConvGeometry"/> as a kernel parameter, with the derived sizes precomputed and the column layout's strides.</summary>
internal struct ConvParams
{
    public int N, C, H, W, KH, KW, SH, SW, PH, PW, OH, OW;
    /// <summary>Column element (n, patch row r, position q) lives at n·BatchStride + r·RowStride + q.</summary>
    public int RowStride, BatchStride;

    public static ConvParams Of(ConvGeometry g, bool batchMajor) => new()
    {
        N = g.N, C = g.C, H = g.H, W = g.W, KH = g.KH, KW = g.KW, SH = g.SH, SW = g.SW, PH = g.PH, PW = g.PW, OH = g.OH, OW = g.OW,
        RowStride = batchMajor ? g.Positions : g.N * g.Positions,
        BatchStride = batchMajor ? g.Patch * g.Positions : g.Positions,
    };
}
