using Nabla.Tensors;

namespace Nabla.Autodiff;

public static partial class Derivatives
{
    /// <summary>
    /// The Laplacian Δf = Σᵢ ∂²f/∂xᵢ² (the trace of the Hessian) of a scalar function at <paramref name="x"/>:
    /// n Hessian-vector products with unit vectors, of which only the diagonal element is kept.
    /// </summary>
    public static double Laplacian(Func<Variable, Variable> f, Tensor x)
    {
        Inputs(f, [x], null, "Laplacian");
        double trace = 0;
        for (int i = 0; i < x.Size; i++)
            trace += HvpCore(f, x, Unit(x, i), "Laplacian").Reshape(-1).GetDouble(i);
        return trace;
    }

    /// <summary>
    /// The divergence ∇·F = Σᵢ ∂Fᵢ/∂xᵢ (the trace of the Jacobian) of a vector field F: Rⁿ → Rⁿ at <paramref name="x"/>;
    /// F(x) must have x's shape. n forward passes, one per unit tangent.
    /// </summary>
    public static double Divergence(Func<Variable, Variable> field, Tensor x)
    {
        Inputs(field, [x], null, "Divergence");
        double trace = 0;
        for (int i = 0; i < x.Size; i++)
        {
            var (value, tangent) = Jvp(field, x, Unit(x, i));
            if (!SameShape(value, x))
                throw new ArgumentException($"Divergence: the field must map Rⁿ to Rⁿ, x has shape {x.ShapeString} but F returned shape {value.ShapeString}", nameof(field));
            trace += tangent.Reshape(-1).GetDouble(i);
        }
        return trace;
    }

    /// <summary>
    /// The curl ∇×F = (∂F₃/∂y − ∂F₂/∂z, ∂F₁/∂z − ∂F₃/∂x, ∂F₂/∂x − ∂F₁/∂y) of a vector field F: R³ → R³ at
    /// <paramref name="x"/> of shape (3,), from its Jacobian built in three forward passes.
    /// </summary>
    public static Tensor Curl(Func<Variable, Variable> field, Tensor x)
    {
        Inputs(field, [x], null, "Curl");
        if (x.NDim != 1 || x.Size != 3)
            throw new ArgumentException($"Curl: needs a point of R³ of shape (3,), x has shape {x.ShapeString}", nameof(x));
        var j = ForwardJacobian(field, x, null);
        if (j.NDim != 2 || j.Dim(0) != 3)
            throw new ArgumentException($"Curl: the field must return 3 components, shape (3,), it returned shape {ShapeUtil.Format(j.Shape[..^1])}", nameof(field));
        double D(int i, int k) => j.GetDouble(i, k);
        var curl = new[] { D(2, 1) - D(1, 2), D(0, 2) - D(2, 0), D(1, 0) - D(0, 1) };
        return Tensor.FromArray(curl).AsType(j.DType);
    }
}
