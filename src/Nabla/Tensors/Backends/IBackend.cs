using Nabla.Tensors.Kernels;

namespace Nabla.Tensors.Backends;

/// <summary>
/// The kernels of one device. <see cref="Tensor"/> validates arguments, works out result shapes and dtypes and
/// allocates results (through <see cref="Allocate"/>); a backend only computes. Every tensor passed in lives on
/// <see cref="Device"/>. Unless a method says otherwise, destinations are fresh contiguous tensors that own their
/// whole storage, and float kernels take Float32 or Float64.
/// </summary>
internal interface IBackend
{
    /// <summary>The device whose kernels these are.</summary>
    Device Device { get; }

    // ---- memory ----

    /// <summary>Storage for <paramref name="length"/> elements: a managed array on the CPU, a <see cref="DeviceBuffer"/> elsewhere.</summary>
    object Allocate(DType dtype, int length, bool zeroed);

    /// <summary>Gives back the storage of a tensor that the caller proves dead (see <see cref="StoragePool.Return(Tensor)"/>).</summary>
    void Release(Tensor tensor);

    /// <summary>New storage on this device holding a copy of <paramref name="values"/> (a managed array).</summary>
    object FromHost(Array values);

    /// <summary>The elements of <paramref name="source"/> (any layout) in row-major order, as a new managed array.</summary>
    Array ToHost(Tensor source);

    // ---- elementwise ----

    /// <summary>dst ← src, same dtype; src broadcasts to dst's shape; dst may be any writable strided view.</summary>
    void Copy(Tensor src, Tensor dst);

    /// <summary>dst ← src converted to dst's dtype (NumPy's casting rules, as <see cref="Kernels.Convert"/>); same shape, src any layout.</summary>
    void Convert(Tensor src, Tensor dst);

    /// <summary>dst ← a op b; a and b have dst's dtype and broadcast to its shape. dst may be a strided view and may be a (in-place add).</summary>
    void Binary(BinaryOp op, Tensor a, Tensor b, Tensor dst);

    /// <summary>dst ← op(src); src contiguous, same dtype and shape.</summary>
    void Unary(UnaryOp op, Tensor src, Tensor dst);

    /// <summary>dst (Bool) ← a op b; a and b of one dtype, broadcast to dst's shape.</summary>
    void Compare(CompareOp op, Tensor a, Tensor b, Tensor dst);

    /// <summary>dst ← cond ? x : y; all three broadcast to dst's shape; x and y have dst's dtype.</summary>
    void Select(Tensor cond, Tensor x, Tensor y, Tensor dst);

    /// <summary>dst ← the reduction of src over the axes where dst has length 1 (dst has src's rank, keepdims).</summary>
    void Reduce(ReduceOp op, Tensor src, Tensor dst);

    /// <summary>dst (Int64, one per row) ← the index of the max or min along rows of <paramref name="rowLength"/> of contiguous src; first on ties and NaN.</summary>
    void ArgReduce(bool max, Tensor src, Tensor dst, int rowLength);

    /// <summary>c ← a @ b over broadcast <paramref name="batch"/> axes; a and b have c's dtype and any strides, k &gt; 0.</summary>
    void MatMul(Tensor a, Tensor b, Tensor c, int[] batch);

    /// <summary>rows[k] ← src[idx[k]] along axis 0 of contiguous src (indices already checked).</summary>
    void TakeRows(Tensor src, int[] idx, Tensor rows);

    // ---- fused activations ----

    /// <summary>The backward of an activation from gy and the saved tensor (x for ReLU, y for Tanh and Sigmoid); both contiguous, same dtype and shape.</summary>
    Tensor ActivationGrad(FusedActivation op, Tensor gy, Tensor saved);

    /// <summary>tanh(x·0.5)·0.5 + 0.5 of contiguous float x.</summary>
    Tensor Sigmoid(Tensor x);

    // ---- convolution and pooling (NCHW, float) ----

    /// <summary>Conv2d forward: y (N, OC, OH, OW) from x (N, C, H, W), w (OC, C, KH, KW) and optional b (OC).</summary>
    Tensor Conv2d(Tensor x, Tensor w, Tensor? b, ConvGeometry g);

    /// <summary>The transposed convolution (Conv2d's input gradient, Deconv2d's forward, no bias): (N, C, H, W) from x (N, OC, OH, OW) and w (OC, C, KH, KW).</summary>
    Tensor ConvTranspose2d(Tensor x, Tensor w, ConvGeometry g);

    /// <summary>Conv2d's weight gradient (OC, C, KH, KW) from x (N, C, H, W) and gy (N, OC, OH, OW).</summary>
    Tensor Conv2dGradW(Tensor x, Tensor gy, ConvGeometry g);

    /// <summary>DeZero's im2col: (N, C, KH, KW, OH, OW) from an image batch.</summary>
    Tensor Im2Col(Tensor image, ConvGeometry g);

    /// <summary>The adjoint of <see cref="Im2Col"/>: overlapping patches added back into an image batch.</summary>
    Tensor Col2Im(Tensor columns, ConvGeometry g);

    /// <summary>Max pooling; <paramref name="indexes"/> (Int32, y's shape) gets the flat input index of each maximum.</summary>
    Tensor MaxPool(Tensor x, ConvGeometry g, out Tensor indexes);

    /// <summary>Zeros of the image shape with gy added at the indexes (max pooling's backward).</summary>
    Tensor PoolScatter(Tensor gy, Tensor indexes, ConvGeometry g);

    /// <summary>The elements of x at the indexes, in the pooled shape.</summary>
    Tensor PoolGather(Tensor x, Tensor indexes, ConvGeometry g);

    /// <summary>Average pooling, padding counted as zeros.</summary>
    Tensor AvgPool(Tensor x, ConvGeometry g);

    /// <summary>The adjoint of <see cref="AvgPool"/>.</summary>
    Tensor AvgPoolAdjoint(Tensor gy, ConvGeometry g);

    // ---- optimizer updates: in place on contiguous float tensors of one dtype and shape ----

    /// <summary>p ← p − lr·g.</summary>
    void SgdStep(Tensor p, Tensor g, double lr);

    /// <summary>v ← momentum·v − lr·g; p ← p + v.</summary>
    void MomentumStep(Tensor p, Tensor g, Tensor v, double lr, double momentum);

    /// <summary>h ← h + g²; p ← p − lr·g / (√h + eps).</summary>
    void AdaGradStep(Tensor p, Tensor g, Tensor h, double lr, double eps);

    /// <summary>msg ← ρ·msg + (1−ρ)·g²; dx = √((msdx + eps)/(msg + eps))·g; msdx ← ρ·msdx + (1−ρ)·dx²; p ← p − dx.</summary>
    void AdaDeltaStep(Tensor p, Tensor g, Tensor msg, Tensor msdx, double rho, double eps);

    /// <summary>m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − stepSize·m / (√v·denomScale + eps).</summary>
    void AdamStep(Tensor p, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize, double denomScale, double eps);

    /// <summary>t ← t·factor.</summary>
    void Scale(Tensor t, double factor);

    /// <summary>Σ t², accumulated in double.</summary>
    double SumOfSquares(Tensor t);

    /// <summary>g ← g + rate·p.</summary>
    void AddScaled(Tensor g, Tensor p, double rate);
}
