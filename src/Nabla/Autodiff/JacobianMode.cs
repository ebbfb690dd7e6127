namespace Nabla.Autodiff;

/// <summary>How <see cref="Derivatives.Jacobian"/> builds the Jacobian of f: R^n → R^m.</summary>
public enum JacobianMode
{
    /// <summary>
    /// Forward when n &lt; m, <see cref="BatchedReverse"/> otherwise: the fewer passes. At n = m reverse wins, because a
    /// forward pass with tangents costs about two backward passes (measured in docs/BENCHMARKS.md, AD2).
    /// </summary>
    Auto,

    /// <summary>Column by column: n forward passes, each carrying one unit tangent; no graph is kept.</summary>
    Forward,

    /// <summary>Row by row: one recorded forward pass, then m backward passes, each seeded with one unit cotangent.</summary>
    Reverse,

    /// <summary>
    /// All rows at once: one recorded forward pass, then one backward pass whose cotangent is the stack of the m unit
    /// cotangents, shape (m, ...f(x).shape), every gradient carrying that leading batch axis (JAX's vmap of the VJP;
    /// <see cref="Function.BackwardBatched"/>). m small products become one large one. Functions without a batch rule
    /// run their ordinary backward rule per row; very large batches are split (<see cref="Derivatives.MaxBatchElements"/>).
    /// </summary>
    BatchedReverse,
}
