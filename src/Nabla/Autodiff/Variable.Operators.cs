using Nabla.Tensors;

namespace Nabla.Autodiff;

public partial class Variable
{
    public static Variable operator +(Variable a, Variable b) => F.Add(a, b);
    public static Variable operator -(Variable a, Variable b) => F.Sub(a, b);
    public static Variable operator *(Variable a, Variable b) => F.Mul(a, b);
    public static Variable operator /(Variable a, Variable b) => F.Div(a, b);
    public static Variable operator -(Variable a) => F.Neg(a);

    public static Variable operator +(Variable a, double b) => F.Add(a, Constant(a, b));
    public static Variable operator +(double a, Variable b) => F.Add(Constant(b, a), b);
    public static Variable operator -(Variable a, double b) => F.Sub(a, Constant(a, b));
    public static Variable operator -(double a, Variable b) => F.Sub(Constant(b, a), b);
    public static Variable operator *(Variable a, double b) => F.Mul(a, Constant(a, b));
    public static Variable operator *(double a, Variable b) => F.Mul(Constant(b, a), b);
    public static Variable operator /(Variable a, double b) => F.Div(a, Constant(a, b));
    public static Variable operator /(double a, Variable b) => F.Div(Constant(b, a), b);

    public static Variable operator +(Variable a, Tensor b) => F.Add(a, new Variable(b));
    public static Variable operator +(Tensor a, Variable b) => F.Add(new Variable(a), b);
    public static Variable operator -(Variable a, Tensor b) => F.Sub(a, new Variable(b));
    public static Variable operator -(Tensor a, Variable b) => F.Sub(new Variable(a), b);
    public static Variable operator *(Variable a, Tensor b) => F.Mul(a, new Variable(b));
    public static Variable operator *(Tensor a, Variable b) => F.Mul(new Variable(a), b);
    public static Variable operator /(Variable a, Tensor b) => F.Div(a, new Variable(b));
    public static Variable operator /(Tensor a, Variable b) => F.Div(new Variable(a), b);

    /// <summary>A plain number is a constant of the variable's float dtype (Float32 for integer variables).</summary>
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
    public Variable Sum(int? axis = null, bool keepDims = false) => F.Sum(this, axis, keepDims);
}
