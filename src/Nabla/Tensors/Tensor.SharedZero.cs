namespace Nabla.Tensors;

public sealed partial class Tensor
{
    // Never written: every tensor over them is a read-only broadcast view.
    private static readonly float[] FloatZero = [0f];
    private static readonly double[] DoubleZero = [0.0];

    /// <summary>
    /// Zeros shaped like <paramref name="x"/> that cost no storage: a read-only broadcast of one shared 0 for a float
    /// tensor on the CPU (recognised by <see cref="IsSharedZero"/>), fresh zeros otherwise.
    /// </summary>
    internal static Tensor SharedZerosLike(Tensor x)
    {
        if (!x.Device.IsCpu) return ZerosLike(x);
        object? zero = x.DType switch { DType.Float32 => FloatZero, DType.Float64 => DoubleZero, _ => null };
        return zero is null ? ZerosLike(x) : new Tensor(zero, x.Shape, new int[x.NDim], 0, readOnly: true);
    }

    /// <summary>Whether this tensor is (a view of) the shared 0 of <see cref="SharedZerosLike"/>.</summary>
    internal bool IsSharedZero => storageOrNull is { } s && (ReferenceEquals(s, FloatZero) || ReferenceEquals(s, DoubleZero));
}
