using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>
/// What <see cref="Conv2d"/> and <see cref="Deconv2d"/> share: W of shape (…, KH, KW) with the input
/// channels on axis <see cref="InAxis"/> (left open until the first call when not given), an optional
/// bias of one value per output channel, stride and padding, and LeCun-normal initial weights.
/// </summary>
public abstract class ConvolutionLayer : Layer
{
    private readonly Generator gen;

    /// <summary>Checks the sizes and creates W (or its placeholder, when the input channels are left out) and b.</summary>
    /// <param name="outChannels">Output channels, positive.</param>
    /// <param name="kernelSize">The kernel size (KH, KW), positive.</param>
    /// <param name="stride">The stride, 1 when null.</param>
    /// <param name="pad">The zero padding on each side.</param>
    /// <param name="noBias">Leave out b.</param>
    /// <param name="inChannels">Input channels, or null to infer them on the first call.</param>
    /// <param name="dtype">The parameters' dtype, Float32 or Float64.</param>
    /// <param name="gen">Where the initial weights come from (default <see cref="Init.Generator"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not a float type.</exception>
    protected ConvolutionLayer(int outChannels, Pair kernelSize, Pair? stride, Pair pad, bool noBias, int? inChannels, DType dtype, Generator? gen)
    {
        var op = GetType().Name;
        if (outChannels <= 0) throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, $"{op}: the output channels must be positive");
        if (kernelSize.H <= 0 || kernelSize.W <= 0) throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, $"{op}: the kernel size must be positive");
        if (inChannels is <= 0) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, $"{op}: the input channels must be positive");
        if (!dtype.IsFloat()) throw new ArgumentException($"{op}: dtype must be a float type, got {dtype.Name()}", nameof(dtype));
        (OutChannels, KernelSize, Stride, Pad, DType) = (outChannels, kernelSize, stride ?? 1, pad, dtype);
        this.gen = gen ?? Init.Generator;
        // A placeholder keeps every size already known, with 0 input channels, so a checkpoint can be checked against it.
        W = new Parameter(inChannels is int c ? InitWeights(c) : Tensor.Zeros(dtype, WeightShape(0)), "W");
        b = noBias ? null : new Parameter(Tensor.Zeros(dtype, outChannels), "b");
    }

    /// <summary>The kernels, (out, in, KH, KW) for a convolution or (in, out, KH, KW) for a transposed one; 0 input channels until the first call when they are inferred.</summary>
    public Parameter W { get; }
    /// <summary>The bias, one per output channel, or null.</summary>
    public Parameter? b { get; }
    /// <summary>The number of output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Known once W exists (given, inferred on the first call, or loaded).</summary>
    public int? InChannels => W.Size == 0 ? null : W.Shape[InAxis];

    /// <summary>The kernel size, (KH, KW).</summary>
    public Pair KernelSize { get; }
    /// <summary>The stride, (SH, SW).</summary>
    public Pair Stride { get; }
    /// <summary>The zero padding on each side, (PH, PW).</summary>
    public Pair Pad { get; }
    /// <summary>The dtype of the parameters.</summary>
    public DType DType { get; }

    /// <summary>The axis of W that holds the input channels (1 for a convolution, 0 for a transposed one).</summary>
    protected abstract int InAxis { get; }

    /// <summary>The operation itself, once W exists.</summary>
    protected abstract Variable Apply(Variable x);

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        if (W.Size == 0)
        {
            if (x.NDim != 4) throw new ArgumentException($"{GetType().Name}: input of shape ({string.Join(",", x.Shape)}) must be (N, C, H, W)");
            W.Data = InitWeights(x.Shape[1]).To(x.Data.Device);
        }
        return Apply(x);
    }

    private int[] WeightShape(int inChannels) => InAxis == 1
        ? [OutChannels, inChannels, KernelSize.H, KernelSize.W]
        : [inChannels, OutChannels, KernelSize.H, KernelSize.W];

    private Tensor InitWeights(int inChannels) =>
        Init.LeCunNormal(gen, DType, inChannels * KernelSize.H * KernelSize.W, WeightShape(inChannels));
}
