using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>Converts examples to an integer dtype (Int64 by default, like DeZero's ToInt with NumPy's int).</summary>
public sealed class ToInt : AsType
{
    /// <summary>Converts to <paramref name="dtype"/>, which must be Int32 or Int64.</summary>
    public ToInt(DType dtype = DType.Int64) : base(dtype)
    {
        if (!dtype.IsInteger()) throw new ArgumentException($"ToInt: dtype must be Int32 or Int64, got {dtype.Name()}");
    }
}
