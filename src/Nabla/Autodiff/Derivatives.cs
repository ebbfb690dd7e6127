using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// The derivative operators of automatic differentiation, on functions written with <see cref="Variable"/>s
/// (JAX's <c>grad</c>, <c>jvp</c>, <c>vjp</c>, <c>jacfwd</c>/<c>jacrev</c>, <c>hessian</c>): each takes the
/// function and the point, runs the passes it needs and returns plain tensors.
/// Reverse mode (<see cref="Grad(Func{Variable, Variable}, Tensor)"/>, <see cref="Vjp(Func{Variable, Variable}, Tensor, Tensor)"/>)
/// records the graph and walks it back; forward mode (<see cref="Jvp(Func{Variable, Variable}, Tensor, Tensor)"/>)
/// carries <see cref="Variable.Tangent"/>s along in one pass without a graph; <see cref="Hvp"/> combines them.
/// Inputs must be float tensors; the results keep their dtype (use Float64 for accuracy).
/// </summary>
public static partial class Derivatives
{
    /// <summary>The gradient of a scalar function at <paramref name="x"/> (reverse mode: one forward and one backward pass).</summary>
    public static Tensor Grad(Func<Variable, Variable> f, Tensor x) => ValueAndGrad(f, x).Grad;

    /// <summary>The value of a scalar function at <paramref name="x"/> and its gradient, from the same pass.</summary>
    public static (Tensor Value, Tensor Grad) ValueAndGrad(Func<Variable, Variable> f, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (value, grads) = ValueAndGrads(v => f(v[0]), [x], null, "Grad");
        return (value, grads[0]);
    }

    /// <summary>The gradient of a scalar function of several inputs with respect to each of them.</summary>
    public static Tensor[] Grad(Func<Variable[], Variable> f, Tensor[] xs) => ValueAndGrad(f, xs).Grads;

    /// <summary>The gradient of a scalar function of several inputs with respect to input <paramref name="wrt"/> only.</summary>
    public static Tensor Grad(Func<Variable[], Variable> f, Tensor[] xs, int wrt) => ValueAndGrad(f, xs, wrt).Grad;

    /// <summary>The value of a scalar function of several inputs and its gradient with respect to each input.</summary>
    public static (Tensor Value, Tensor[] Grads) ValueAndGrad(Func<Variable[], Variable> f, Tensor[] xs) =>
        ValueAndGrads(f, xs, null, "Grad");

    /// <summary>
    /// The value of a scalar function of several inputs and its gradient with respect to input <paramref name="wrt"/>;
    /// the other inputs may be integer tensors (labels).
    /// </summary>
    public static (Tensor Value, Tensor Grad) ValueAndGrad(Func<Variable[], Variable> f, Tensor[] xs, int wrt)
    {
        var (value, grads) = ValueAndGrads(f, xs, wrt, "Grad");
        return (value, grads[wrt]);
    }

    private static (Tensor Value, Tensor[] Grads) ValueAndGrads(Func<Variable[], Variable> f, Tensor[] xs, int? wrt, string op)
    {
        var vars = Inputs(f, xs, wrt, op);
        var y = Evaluate(f, vars, op);
        RequireScalar(y, op);
        return (y.Data, Pullback(y, Tensor.OnesLike(y.Data), vars));
    }

    /// <summary>
    /// The <paramref name="order"/>-th derivative of a scalar function of one variable at <paramref name="x"/>, by
    /// repeated backward passes, each recording the graph of the next (order 0 is f(x)).
    /// </summary>
    public static double Derivative(Func<Variable, Variable> f, double x, int order = 1) =>
        Derivative(f, Tensor.Scalar(x, DType.Float64), order).Item();

    /// <summary>
    /// The <paramref name="order"/>-th derivative at <paramref name="x"/> of a function that acts elementwise (each output
    /// depends only on the input at the same place, as tanh or a polynomial does), so that a whole grid of points
    /// is differentiated at once: the result holds f⁽ⁿ⁾ at each element. For a scalar <paramref name="x"/> any
    /// scalar function qualifies.
    /// </summary>
    public static Tensor Derivative(Func<Variable, Variable> f, Tensor x, int order = 1)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (order < 0) throw new ArgumentOutOfRangeException(nameof(order), $"Derivative: order must be 0 or more, got {order}");
        var xv = Inputs(f, [x], null, "Derivative")[0];
        using (Config.EnableGrad())
        {
            var y = f(xv) ?? throw new InvalidOperationException("Derivative: f returned null");
            if (!SameShape(y.Data, x) && !(x.Size == 1 && y.Size == 1))
                throw new ArgumentException($"Derivative: f must map each element to one value, x has shape {x.ShapeString} but f returned shape {y.Data.ShapeString}", nameof(f));
            for (int k = 1; k <= order; k++)
            {
                // The last pass needs no graph: nothing differentiates it again.
                var dy = Pullback(y, Tensor.OnesLike(y.Data), [xv], createGraph: k < order);
                y = dy[0];
            }
            return y.Data;
        }
    }

    /// <summary>
    /// The value f(x) and the Jacobian-vector product J·v (the directional derivative along <paramref name="v"/>), in
    /// one forward pass that carries <paramref name="v"/> as the tangent of x; no graph is recorded.
    /// </summary>
    public static (Tensor Value, Tensor Tangent) Jvp(Func<Variable, Variable> f, Tensor x, Tensor v)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Jvp(u => f(u[0]), [x], [v]);
    }

    /// <summary>The value and the Jacobian-vector product of a function of several inputs, each with its tangent.</summary>
    public static (Tensor Value, Tensor Tangent) Jvp(Func<Variable[], Variable> f, Tensor[] xs, Tensor[] vs)
    {
        var vars = Inputs(f, xs, null, "Jvp");
        ArgumentNullException.ThrowIfNull(vs);
        if (vs.Length != xs.Length)
            throw new ArgumentException($"Jvp: {vs.Length} tangents given for {xs.Length} inputs", nameof(vs));
        for (int i = 0; i < vs.Length; i++)
            vars[i].Tangent = Conformed(vs[i], xs[i], "Jvp", $"tangent {i}", $"input {i}");
        using (Config.NoGrad())
        {
            var y = f(vars) ?? throw new InvalidOperationException("Jvp: f returned null");
            return (y.Data, y.Tangent ?? Tensor.ZerosLike(y.Data));
        }
    }

    /// <summary>
    /// The value f(x) and the vector-Jacobian product uᵀJ (the gradient of ⟨u, f(x)⟩), by one forward and one
    /// backward pass seeded with <paramref name="u"/>.
    /// </summary>
    public static (Tensor Value, Tensor Cotangent) Vjp(Func<Variable, Variable> f, Tensor x, Tensor u)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (value, cotangents) = Vjp(v => f(v[0]), [x], u);
        return (value, cotangents[0]);
    }

    /// <summary>The value and the vector-Jacobian product of a function of several inputs: uᵀJ with respect to each input.</summary>
    public static (Tensor Value, Tensor[] Cotangents) Vjp(Func<Variable[], Variable> f, Tensor[] xs, Tensor u)
    {
        var vars = Inputs(f, xs, null, "Vjp");
        var y = Evaluate(f, vars, "Vjp");
        ArgumentNullException.ThrowIfNull(u);
        return (y.Data, Pullback(y, Conformed(u, y.Data, "Vjp", "cotangent u", "the output"), vars));
    }

    /// <summary>Checks f and the inputs (the differentiated ones must be float) and wraps them as leaf variables.</summary>
    private static Variable[] Inputs(Delegate f, Tensor[] xs, int? wrt, string op)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(xs);
        if (wrt is int w && (w < 0 || w >= xs.Length))
            throw new ArgumentOutOfRangeException(nameof(wrt), $"{op}: wrt = {w} but there are {xs.Length} inputs");
        var vars = new Variable[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            var x = xs[i] ?? throw new ArgumentNullException(nameof(xs), $"{op}: input {i} is null");
            if ((wrt is null || wrt == i) && !x.DType.IsFloat())
                throw new ArgumentException($"{op}: input {i} has dtype {x.DType.Name()}; derivatives need float32 or float64", nameof(xs));
            vars[i] = new Variable(x);
        }
        return vars;
    }

    /// <summary>Runs f with the graph recorded, even inside <see cref="Config.NoGrad"/>: reverse mode needs it.</summary>
    private static Variable Evaluate(Func<Variable[], Variable> f, Variable[] xs, string op)
    {
        using (Config.EnableGrad())
            return f(xs) ?? throw new InvalidOperationException($"{op}: f returned null");
    }

    private static void RequireScalar(Variable y, string op)
    {
        if (y.Size != 1)
            throw new ArgumentException($"{op}: f must return a scalar, it returned shape {y.Data.ShapeString}; use Vjp or Jacobian for vector outputs", "f");
    }

    /// <summary>
    /// One backward pass from <paramref name="y"/> seeded with <paramref name="seed"/>: the gradient reaching each of
    /// <paramref name="xs"/> (zeros where none does). The graph stays, so it can be walked again with another seed.
    /// </summary>
    /// <remarks>Passes over the same graph may share one <paramref name="reach"/> of <paramref name="y"/> to <paramref name="xs"/>.</remarks>
    private static Tensor[] Pullback(Variable y, Tensor seed, Variable[] xs, GraphReach? reach = null) =>
        Pullback(y, seed, xs, createGraph: false, reach).Select(g => g.Data).ToArray();

    /// <summary>The same, as variables; with <paramref name="createGraph"/> they can be differentiated again.</summary>
    private static Variable[] Pullback(Variable y, Tensor seed, Variable[] xs, bool createGraph, GraphReach? reach = null)
    {
        foreach (var x in xs) x.ClearGrad();
        // An explicit seed: y may carry a gradient from an earlier pass (it may even be one of xs).
        y.Grad = new Variable(seed);
        y.BackwardTo(reach ?? new GraphReach(y, xs), createGraph);
        var grads = xs.Select(x => x.Grad ?? new Variable(Tensor.ZerosLike(x.Data))).ToArray();
        foreach (var x in xs) x.ClearGrad();
        return grads;
    }

    /// <summary>A tangent or cotangent checked against the shape it must have and given the dtype of what it goes with.</summary>
    private static Tensor Conformed(Tensor v, Tensor like, string op, string what, string whose)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (!SameShape(v, like))
            throw new ArgumentException($"{op}: {what} has shape {v.ShapeString} but {whose} has shape {like.ShapeString}");
        if (!v.DType.IsFloat())
            throw new ArgumentException($"{op}: {what} has dtype {v.DType.Name()}; it must be float32 or float64");
        return v.AsType(like.DType);
    }

    private static bool SameShape(Tensor a, Tensor b) => a.Shape.AsSpan().SequenceEqual(b.Shape);

    /// <summary>A tensor shaped and typed like <paramref name="like"/>, 1 at flat index <paramref name="k"/> and 0 elsewhere.</summary>
    private static Tensor Unit(Tensor like, int k)
    {
        var e = Tensor.Zeros(like.DType, like.Shape);
        e.Reshape(-1).SetDouble(1.0, k);
        return e.To(like.Device);
    }
}
