using System.Numerics;
using System.Runtime.Intrinsics;

namespace Nabla.Tensors;

/// <summary>
/// Which SIMD path hand-written kernels take. <see cref="Detected"/> is what the CPU offers;
/// <see cref="Level"/> may be lowered (never raised) so tests can exercise every fallback on one machine.
/// </summary>
public static class Simd
{
    /// <summary>The best level this CPU and runtime support.</summary>
    public static SimdLevel Detected { get; } = Detect();

    private static SimdLevel level = Detected;

    /// <summary>The level kernels use now; set lower to force a fallback path.</summary>
    public static SimdLevel Level
    {
        get => level;
        set
        {
            if (value > Detected)
                throw new ArgumentOutOfRangeException(nameof(value),
                    $"Simd.Level: {value} is not supported on this CPU (best is {Detected})");
            level = value;
        }
    }

    private static SimdLevel Detect()
    {
        if (Vector512.IsHardwareAccelerated) return SimdLevel.Vector512;
        if (Vector256.IsHardwareAccelerated) return SimdLevel.Vector256;
        if (Vector.IsHardwareAccelerated) return SimdLevel.Portable;
        return SimdLevel.Scalar;
    }
}
