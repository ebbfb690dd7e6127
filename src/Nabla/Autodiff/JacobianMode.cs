namespace Nabla.Autodiff;

/// <summary>How <see cref="Derivatives.Jacobian"/> builds the Jacobian of f: R^n → R^m.</summary>
public enum JacobianMode
{
    /// <summary>Forward when n ≤ m, reverse otherwise: the fewer passes.</summary>
    Auto,

    /// <summary>Column by column: n forward passes, each carrying one unit tangent; no graph is kept.</summary>
    Forward,

    /// <summary>Row by row: one recorded forward pass, then m backward passes, each seeded with one unit cotangent.</summary>
    Reverse,
}
