using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>
/// A fully connected layer, y = x·W + b, with W of shape (in, out) as in DeZero. When the input size is
/// left out, W is created on the first call from the input's width.
/// </summary>
public sealed class Linear : Layer
{
    private readonly Generator gen;

    /// <param name="outSize">Output features.</param>
    /// <param name="inSize">Input features, or null to infer them on the first call.</param>
    /// <param name="noBias">Leave out b.</param>
    /// <param name="dtype">Float32 or Float64.</param>
    /// <param name="gen">Where the initial weights come from (default <see cref="Init.Generator"/>).</param>
    public Linear(int outSize, int? inSize = null, bool noBias = false, DType dtype = DType.Float32, Generator? gen = null)
    {
        if (outSize <= 0) throw new ArgumentOutOfRangeException(nameof(outSize), outSize, "Linear: the output size must be positive");
        if (inSize is <= 0) throw new ArgumentOutOfRangeException(nameof(inSize), inSize, "Linear: the input size must be positive");
        if (!dtype.IsFloat()) throw new ArgumentException($"Linear: dtype must be a float type, got {dtype.Name()}", nameof(dtype));
        OutSize = outSize;
        DType = dtype;
        this.gen = gen ?? Init.Generator;
        W = new Parameter(inSize is int n ? InitWeights(n) : Tensor.Zeros(dtype, 0, outSize), "W");
        b = noBias ? null : new Parameter(Tensor.Zeros(dtype, outSize), "b");
    }

    /// <summary>The weights, (in, out); of size 0 until the first call when the input size is inferred.</summary>
    public Parameter W { get; }

    /// <summary>The bias (out), or null.</summary>
    public Parameter? b { get; }

    /// <summary>The number of output features.</summary>
    public int OutSize { get; }

    /// <summary>Known once W exists (given, inferred on the first call, or loaded).</summary>
    public int? InSize => W.Size == 0 ? null : W.Shape[0];
    /// <summary>The dtype of the parameters.</summary>
    public DType DType { get; }

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        if (W.Size == 0)
        {
            if (x.NDim != 2) throw new ArgumentException($"Linear: input of shape ({string.Join(",", x.Shape)}) must be (N, in)");
            W.Data = InitWeights(x.Shape[1]).To(x.Data.Device);
        }
        return F.Linear(x, W, b);
    }

    private Tensor InitWeights(int inSize) => Init.LeCunNormal(gen, DType, inSize, inSize, OutSize);
}
