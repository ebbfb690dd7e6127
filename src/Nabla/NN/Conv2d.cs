using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>
/// A 2-D convolution layer, W of shape (out, in, KH, KW) with LeCun-normal initial weights as DeZero's.
/// When the input channels are left out, W is created on the first call.
/// </summary>
public sealed class Conv2d : Layer
{
    private readonly Generator gen;

    public Conv2d(int outChannels, Pair kernelSize, Pair? stride = null, Pair pad = default, bool noBias = false,
        int? inChannels = null, DType dtype = DType.Float32, Generator? gen = null)
    {
        if (outChannels <= 0) throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, "Conv2d: the output channels must be positive");
        if (kernelSize.H <= 0 || kernelSize.W <= 0) throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "Conv2d: the kernel size must be positive");
        if (inChannels is <= 0) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "Conv2d: the input channels must be positive");
        if (!dtype.IsFloat()) throw new ArgumentException($"Conv2d: dtype must be a float type, got {dtype.Name()}", nameof(dtype));
        (OutChannels, KernelSize, Stride, Pad, DType) = (outChannels, kernelSize, stride ?? 1, pad, dtype);
        this.gen = gen ?? Init.Generator;
        W = new Parameter(inChannels is int c ? InitWeights(c) : Tensor.Zeros(dtype, outChannels, 0, kernelSize.H, kernelSize.W), "W");
        b = noBias ? null : new Parameter(Tensor.Zeros(dtype, outChannels), "b");
    }

    public Parameter W { get; }
    public Parameter? b { get; }
    public int OutChannels { get; }

    /// <summary>Known once W exists (given, inferred on the first call, or loaded).</summary>
    public int? InChannels => W.Size == 0 ? null : W.Shape[1];
    public Pair KernelSize { get; }
    public Pair Stride { get; }
    public Pair Pad { get; }
    public DType DType { get; }

    public override Variable Forward(Variable x)
    {
        if (W.Size == 0)
        {
            if (x.NDim != 4) throw new ArgumentException($"Conv2d: input of shape ({string.Join(",", x.Shape)}) must be (N, C, H, W)");
            W.Data = InitWeights(x.Shape[1]);
        }
        return F.Conv2d(x, W, b, Stride, Pad);
    }

    private Tensor InitWeights(int inChannels) =>
        Init.LeCunNormal(gen, DType, inChannels * KernelSize.H * KernelSize.W, OutChannels, inChannels, KernelSize.H, KernelSize.W);
}
