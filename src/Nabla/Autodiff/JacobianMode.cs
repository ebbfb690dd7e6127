namespace Nabla.Autodiff;

/// <summary>How <see cref="Derivatives.Jacobian"/> builds the Jacobian of f: R^n → R^m.</summary>
public enum JacobianMode
{
    /// <summary>
    /// Forward when n &lt; m, reverse otherwise: the fewer passes. At n = m reverse wins, because a forward pass
    /// with tangents costs about two backward passes (measured in docs/BENCHMARKS.md, AD2).
    /// </summary>
    Auto,

    /// <summary>Column by column: n forward passes, each carrying one unit tangent; no graph is kept.</summary>
    Forward,

    /// <summary>Row by row: one recorded forward pass, then m backward passes, each seeded with one unit cotangent.</summary>
    Reverse,
}
