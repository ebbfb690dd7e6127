namespace Nabla.Tensors;

/// <summary>The widest SIMD instruction set a hand-written kernel may use.</summary>
public enum SimdLevel
{
    /// <summary>Plain scalar code (also the reference the vector paths are tested against).</summary>
    Scalar = 0,
    /// <summary>Portable <c>Vector&lt;T&gt;</c>, whatever width the JIT picks.</summary>
    Portable = 1,
    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256 = 2,
    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512 = 3,
}
