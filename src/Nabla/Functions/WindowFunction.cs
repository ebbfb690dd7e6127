namespace Nabla.Functions;

/// <summary>
/// A function over the kernel windows of an image batch (N, C, H, W): pooling, average pooling, im2col and their
/// adjoints. The window is (KH, KW) moved by the stride over the zero-padded image.
/// </summary>
public abstract class WindowFunction(Pair kernel, Pair stride, Pair pad) : Autodiff.Function
{
    /// <summary>The kernel window, (KH, KW).</summary>
    public Pair Kernel { get; } = kernel;

    /// <summary>The step between windows, (SH, SW).</summary>
    public Pair Stride { get; } = stride;

    /// <summary>The zero padding added on each side, (PH, PW).</summary>
    public Pair Pad { get; } = pad;
}
