namespace Nabla.Tensors;

public sealed partial class Tensor
{
    private static volatile int defaultFloatDType = (int)DType.Float32;

    /// <summary>
    /// The float dtype of tensors made from a shape alone, as PyTorch's <c>torch.set_default_dtype</c>: <see cref="Zeros(int[])"/>,
    /// <see cref="Ones(int[])"/>, <see cref="Full"/>, <see cref="Arange(double, double, double, DType?)"/>, <see cref="Linspace"/>,
    /// <see cref="Eye"/>, <see cref="Rand(Generator, int[])"/> and <see cref="Randn(Generator, int[])"/>. Float32 unless set;
    /// process-wide. An explicit dtype argument always wins, and data given as C# values keeps its type, as in NumPy:
    /// <see cref="FromArray"/> of a <c>double[]</c> and <see cref="Scalar(double, DType)"/> make Float64, of a <c>float[]</c> Float32.
    /// </summary>
    /// <exception cref="ArgumentException">The dtype set is not a float dtype.</exception>
    public static DType DefaultFloatDType
    {
        get => (DType)defaultFloatDType;
        set
        {
            if (!value.IsFloat())
                throw new ArgumentException($"DefaultFloatDType: must be a float dtype, got {value.Name()}", nameof(value));
            defaultFloatDType = (int)value;
        }
    }
}
