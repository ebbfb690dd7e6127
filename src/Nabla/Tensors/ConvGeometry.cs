namespace Nabla.Tensors;

/// <summary>
/// The shapes of one sliding-window operation over an NCHW batch: N images of C channels and H×W pixels,
/// a KH×KW window moved by (SH, SW) over the image padded by (PH, PW) on each side. The window positions
/// form an OH×OW grid. Callers validate the values; this type only does the arithmetic.
/// </summary>
internal readonly record struct ConvGeometry(int N, int C, int H, int W, int KH, int KW, int SH, int SW, int PH, int PW)
{
    public int OH => (H + 2 * PH - KH) / SH + 1;
    public int OW => (W + 2 * PW - KW) / SW + 1;

    /// <summary>Window positions per image (OH·OW).</summary>
    public int Positions => OH * OW;

    /// <summary>Elements in one window over all channels (C·KH·KW): a column of the im2col matrix.</summary>
    public int Patch => C * KH * KW;

    public int[] ImageShape => [N, C, H, W];

    /// <summary>DeZero's unfolded layout (N, C, KH, KW, OH, OW).</summary>
    public int[] ColShape => [N, C, KH, KW, OH, OW];
}
