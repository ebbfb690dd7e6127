using Nabla.Tensors;

namespace Nabla.Autodiff;

public partial class Variable
{
    /// <summary>a + b with broadcasting, recorded in the graph (<see cref="F.Add"/>).</summary>
    public static Variable operator +(Variable a, Variable b) => Untracked(a, b) ? Plain(a.data + b.data) : F.Add(a, b);
    /// <summary>a - b with broadcasting, recorded in the graph (<see cref="F.Sub"/>).</summary>
    public static Variable operator -(Variable a, Variable b) => Untracked(a, b) ? Plain(a.data - b.data) : F.Sub(a, b);
    /// <summary>a * b with broadcasting, recorded in the graph (<see cref="F.Mul"/>).</summary>
    public static Variable operator *(Variable a, Variable b) => Untracked(a, b) ? Plain(a.data * b.data) : F.Mul(a, b);
    /// <summary>a / b with broadcasting, recorded in the graph (<see cref="F.Div"/>).</summary>
    public static Variable operator /(Variable a, Variable b) => Untracked(a, b) ? Plain(a.data / b.data) : F.Div(a, b);
    /// <summary>−a, recorded in the graph (<see cref="F.Neg"/>).</summary>
    public static Variable operator -(Variable a) => Untracked(a, a) ? Plain(a.data.Neg()) : F.Neg(a);

    /// <summary>a + b, with b a constant of a's float dtype (Float32 for an integer variable).</summary>
    public static Variable operator +(Variable a, double b) => a + Constant(a, b);
    /// <summary>a + b, with a a constant of b's float dtype (Float32 for an integer variable).</summary>
    public static Variable operator +(double a, Variable b) => Constant(b, a) + b;
    /// <summary>a - b, with b a constant of a's float dtype (Float32 for an integer variable).</summary>
    public static Variable operator -(Variable a, double b) => a - Constant(a, b);
    /// <summary>a - b, with a a constant of b's float dtype (Float32 for an integer variable).</summary>
    public static Variable operator -(double a, Variable b) => Constant(b, a) - b;
    /// <summary>a * b, with b a constant of a's float dtype (Float32 for an integer variable).</summary>
    public static Variable operator *(Variable a, double b) => a * Constant(a, b);
    /// <summary>a * b, with a a constant of b's float dtype (Float32 for an integer variable).</summary>
    public static Variable operator *(double a, Variable b) => Constant(b, a) * b;
    /// <summary>a / b, with b a constant of a's float dtype (Float32 for an integer variable).</summary>
    public static Variable operator /(Variable a, double b) => a / Constant(a, b);
    /// <summary>a / b, with a a constant of b's float dtype (Float32 for an integer variable).</summary>
    public static Variable operator /(double a, Variable b) => Constant(b, a) / b;

    /// <summary>a + b with broadcasting, with b a constant (no gradient).</summary>
    public static Variable operator +(Variable a, Tensor b) => a + new Variable(b);
    /// <summary>a + b with broadcasting, with a a constant (no gradient).</summary>
    public static Variable operator +(Tensor a, Variable b) => new Variable(a) + b;
    /// <summary>a - b with broadcasting, with b a constant (no gradient).</summary>
    public static Variable operator -(Variable a, Tensor b) => a - new Variable(b);
    /// <summary>a - b with broadcasting, with a a constant (no gradient).</summary>
    public static Variable operator -(Tensor a, Variable b) => new Variable(a) - b;
    /// <summary>a * b with broadcasting, with b a constant (no gradient).</summary>
    public static Variable operator *(Variable a, Tensor b) => a * new Variable(b);
    /// <summary>a * b with broadcasting, with a a constant (no gradient).</summary>
    public static Variable operator *(Tensor a, Variable b) => new Variable(a) * b;
    /// <summary>a / b with broadcasting, with b a constant (no gradient).</summary>
    public static Variable operator /(Variable a, Tensor b) => a / new Variable(b);
    /// <summary>a / b with broadcasting, with a a constant (no gradient).</summary>
    public static Variable operator /(Tensor a, Variable b) => new Variable(a) / b;

    /// <summary>A plain number is a constant of the variable's float dtype (Float32 for integer variables).</summary>
    /// <summary>
    /// True when applying a function would record nothing: no graph (inside NoGrad, or a backward pass without
    /// createGraph) and no tangents. Backward rules then run on tensors directly, without a Function object and its arrays.
    /// </summary>
    private static bool Untracked(Variable a, Variable b) =>
        a is not null && b is not null && a.tangent is null && b.tangent is null && !Config.EnableBackprop;

    /// <summary>What the function would have returned there: its forward result, marked as made without a graph.</summary>
    private static Variable Plain(Tensor value) => new(TensorScope.MarkResult(value)) { MadeWithoutGraph = true };

    private static Variable Constant(Variable like, double value) => new(Tensor.Scalar(value, like.DType.ToFloat()));

    /// <summary>Differentiable NumPy indexing: <c>x[0, 1..]</c>, <c>x[new[] { 2, 0 }]</c>.</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Variable this[params TensorIndex[] index] => F.GetItem(this, index);

    /// <summary>This variable to a constant power.</summary>
    public Variable Pow(double exponent) => F.Pow(this, exponent);

    /// <summary>The same values in another shape.</summary>
    public Variable Reshape(params int[] shape) => F.Reshape(this, shape);

    /// <summary>Axes permuted; reversed when none are given.</summary>
    public Variable Transpose(params int[] axes) => F.Transpose(this, axes);

    /// <summary>The transpose.</summary>
    public Variable T => F.Transpose(this);

    /// <summary>Sum over all axes or one axis.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Variable Sum(int? axis = null, bool keepDims = false) => F.Sum(this, axis, keepDims);
}
