using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>Converts examples to a dtype (DeZero's AsType; <c>new AsType()</c> is its ToFloat).</summary>
public class AsType : Transform
{
    /// <summary>Converts to <paramref name="dtype"/>.</summary>
    public AsType(DType dtype = DType.Float32)
    {
        if (!Enum.IsDefined(dtype)) throw new ArgumentOutOfRangeException(nameof(dtype), $"AsType: unknown dtype {(int)dtype}");
        DType = dtype;
    }

    /// <summary>The target dtype.</summary>
    public DType DType { get; }

    /// <inheritdoc/>
    public override Tensor Apply(Tensor x) => x.AsType(DType);

    /// <inheritdoc/>
    public override Tensor ApplyBatch(Tensor batch) => batch.AsType(DType);
}
