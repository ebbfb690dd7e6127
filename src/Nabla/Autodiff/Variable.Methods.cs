namespace Nabla.Autodiff;

/// <summary>The methods DeZero's Variable has (and a few NumPy-style ones its users call), each a call into <see cref="F"/>.</summary>
public partial class Variable
{
    /// <summary>This variable to a variable power, elementwise with broadcasting (Python's <c>x ** y</c>).</summary>
    public Variable Pow(Variable exponent) => F.Pow(this, exponent);

    /// <summary>Matrix product with <paramref name="other"/> (NumPy's <c>x.dot(W)</c> for 1-D and 2-D operands, as <see cref="F.MatMul"/>).</summary>
    public Variable Dot(Variable other) => F.MatMul(this, other);

    /// <summary>Matrix product with <paramref name="other"/> (<c>x @ W</c>, see <see cref="F.MatMul"/>).</summary>
    public Variable MatMul(Variable other) => F.MatMul(this, other);

    /// <summary>Sum over the given axes (null: all).</summary>
    public Variable Sum(int[]? axes, bool keepDims = false) => F.Sum(this, axes, keepDims);

    /// <summary>Maximum over all axes or one axis.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Variable Max(int? axis = null, bool keepDims = false) => F.Max(this, axis, keepDims);

    /// <summary>Maximum over the given axes (null: all).</summary>
    public Variable Max(int[]? axes, bool keepDims = false) => F.Max(this, axes, keepDims);

    /// <summary>Minimum over all axes or one axis.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Variable Min(int? axis = null, bool keepDims = false) => F.Min(this, axis, keepDims);

    /// <summary>Minimum over the given axes (null: all).</summary>
    public Variable Min(int[]? axes, bool keepDims = false) => F.Min(this, axes, keepDims);

    /// <summary>Mean over all axes or one axis.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Variable Mean(int? axis = null, bool keepDims = false) => F.Mean(this, axis, keepDims);

    /// <summary>Mean over the given axes (null: all).</summary>
    public Variable Mean(int[]? axes, bool keepDims = false) => F.Mean(this, axes, keepDims);

    /// <summary>The length of the first axis, as Python's <c>len(x)</c>; a 0-d variable has none.</summary>
    /// <exception cref="InvalidOperationException">The variable is 0-d.</exception>
    public int Len => NDim > 0 ? Shape[0] : throw new InvalidOperationException("Len: a 0-d variable has no length (len() of an unsized object)");

    /// <summary>Forgets this variable's creator, so it becomes a leaf (DeZero's <c>unchain</c>); see <see cref="UnchainBackward"/> for the whole graph.</summary>
    public void Unchain() => Creator = null;
}
