using Nabla.Tensors;

namespace Nabla.Autodiff;

public static partial class Derivatives
{
    /// <summary>
    /// The Jacobian of f at <paramref name="x"/>, of shape f(x).shape + x.shape: element [i..., j...] is
    /// ∂f(x)[i...]/∂x[j...] (for vectors, J[i, j] = ∂fᵢ/∂xⱼ, shape (m, n)). <see cref="JacobianMode.Forward"/> builds it
    /// column by column (n forward passes), <see cref="JacobianMode.Reverse"/> row by row (m backward passes),
    /// <see cref="JacobianMode.BatchedReverse"/> all rows in one backward pass that carries the m unit cotangents as a
    /// batch, and <see cref="JacobianMode.Auto"/> takes forward when x has fewer elements than f(x), batched reverse
    /// otherwise.
    /// </summary>
    public static Tensor Jacobian(Func<Variable, Variable> f, Tensor x, JacobianMode mode = JacobianMode.Auto)
    {
        var xv = Inputs(f, [x], null, "Jacobian")[0];
        return mode switch
        {
            JacobianMode.Forward => ForwardJacobian(f, x, null),
            JacobianMode.Reverse => ReverseJacobian(f, xv),
            JacobianMode.BatchedReverse => BatchedRows(Evaluate(v => f(v[0]), [xv], "Jacobian"), xv),
            JacobianMode.Auto => AutoJacobian(f, x, xv),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), $"Jacobian: unknown mode {(int)mode}"),
        };
    }

    /// <summary>
    /// The most elements a batched backward pass (<see cref="JacobianMode.BatchedReverse"/>) may give one tensor: B
    /// cotangents through a graph whose largest tensor has s elements make gradients of up to B·s elements, so the m
    /// rows are taken in chunks of B = max(1, MaxBatchElements / s). 2²² (32 MiB of float64) by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public static int MaxBatchElements
    {
        get => maxBatchElements;
        set => maxBatchElements = value >= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(value), $"MaxBatchElements: must be at least 1, got {value}");
    }
    private static int maxBatchElements = 1 << 22;

    /// <summary>The recorded pass tells the output's size; it is not wasted when batched reverse mode wins.</summary>
    private static Tensor AutoJacobian(Func<Variable, Variable> f, Tensor x, Variable xv)
    {
        var y = Evaluate(v => f(v[0]), [xv], "Jacobian");
        return x.Size < y.Size ? ForwardJacobian(f, x, null) : BatchedRows(y, xv);
    }

    private static Tensor ForwardJacobian(Func<Variable, Variable> f, Tensor x, (Tensor Value, Tensor Tangent)? first)
    {
        if (x.Size == 0) return Assemble([], Evaluate(v => f(v[0]), [new Variable(x)], "Jacobian").Data, x, columns: true);
        var columns = new Tensor[x.Size];
        Tensor value = null!;
        for (int j = 0; j < columns.Length; j++)
            (value, columns[j]) = j == 0 && first is { } given ? given : Jvp(f, x, Unit(x, j));
        return Assemble(columns, value, x, columns: true);
    }

    private static Tensor ReverseJacobian(Func<Variable, Variable> f, Variable xv)
    {
        var y = Evaluate(v => f(v[0]), [xv], "Jacobian");
        var rows = new Tensor[y.Size];
        var reach = new GraphReach(y, [xv]);
        for (int i = 0; i < rows.Length; i++)
            rows[i] = Pullback(y, Unit(y.Data, i), [xv], reach)[0];
        return Assemble(rows, y.Data, xv.Data, columns: false);
    }

    /// <summary>All rows of the Jacobian of <paramref name="y"/> with respect to <paramref name="xv"/>, by batched backward passes.</summary>
    private static Tensor BatchedRows(Variable y, Variable xv)
    {
        var x = xv.Data;
        int m = y.Size;
        if (m == 0 || x.Size == 0) return Assemble([], y.Data, x, columns: false);
        var pass = new BatchedBackprop(y, [xv]);
        int chunk = Math.Clamp(MaxBatchElements / pass.LargestSize, 1, m);
        var blocks = new List<Tensor>();
        for (int start = 0; start < m; start += chunk)
        {
            int b = Math.Min(chunk, m - start);
            var seed = Tensor.Eye(b, m, k: start, dtype: y.DType).Reshape([b, .. y.Shape]).To(y.Data.Device);
            blocks.Add(pass.Pull(seed)[0] ?? Tensor.Zeros(x.DType, [b, .. x.Shape]).To(x.Device));
        }
        var rows = blocks.Count == 1 ? blocks[0] : Tensor.Concat(blocks, axis: 0);
        return rows.Reshape([.. y.Shape, .. x.Shape]);
    }

    /// <summary>Stacks per-input columns (each shaped like y) or per-output rows (each shaped like x) into y.shape + x.shape.</summary>
    private static Tensor Assemble(Tensor[] parts, Tensor y, Tensor x, bool columns)
    {
        int[] shape = [.. y.Shape, .. x.Shape];
        if (parts.Length == 0 || y.Size == 0 || x.Size == 0) return Tensor.Zeros(y.DType.ToFloat(), shape).To(y.Device);
        var flat = parts.Select(p => p.Reshape(-1)).ToArray();
        return Tensor.Stack(flat, axis: columns ? 1 : 0).Reshape(shape);
    }

    /// <summary>
    /// The Hessian of a scalar function at <paramref name="x"/>, of shape x.shape + x.shape (n × n for a vector), by
    /// forward-over-reverse: one <see cref="Hvp"/> per unit vector, each giving one column. Costs n passes and n²
    /// memory for the result; when only products with H are needed, use <see cref="Hvp"/>.
    /// </summary>
    public static Tensor Hessian(Func<Variable, Variable> f, Tensor x)
    {
        Inputs(f, [x], null, "Hessian");
        int[] shape = [.. x.Shape, .. x.Shape];
        if (x.Size == 0)
        {
            RequireScalar(Evaluate(v => f(v[0]), [new Variable(x)], "Hessian"), "Hessian");
            return Tensor.Zeros(x.DType, shape).To(x.Device);
        }
        var columns = new Tensor[x.Size];
        for (int j = 0; j < columns.Length; j++)
            columns[j] = HvpCore(f, x, Unit(x, j), "Hessian").Reshape(-1);
        // Column j is H·eⱼ; H is symmetric, so stacking the columns as rows gives the same matrix.
        return Tensor.Stack(columns, axis: 1).Reshape(shape);
    }

    /// <summary>
    /// The Hessian-vector product H·v of a scalar function at <paramref name="x"/>, without forming H: x carries
    /// <paramref name="v"/> as its tangent through the forward pass and through the backward pass, so the tangent
    /// of the gradient is the directional derivative of ∇f along v, which is H·v (forward-over-reverse). It costs
    /// about two gradients and memory of the order of one; the backward pass records no graph, since tangents flow
    /// without one.
    /// </summary>
    public static Tensor Hvp(Func<Variable, Variable> f, Tensor x, Tensor v)
    {
        Inputs(f, [x], null, "Hvp");
        return HvpCore(f, x, v, "Hvp");
    }

    private static Tensor HvpCore(Func<Variable, Variable> f, Tensor x, Tensor v, string op)
    {
        var xv = new Variable(x) { Tangent = Conformed(v, x, op, "vector v", "the input") };
        var y = Evaluate(u => f(u[0]), [xv], op);
        RequireScalar(y, op);
        var g = Pullback(y, Tensor.OnesLike(y.Data), [xv], createGraph: false)[0];
        return g.Tangent ?? Tensor.ZerosLike(x);
    }
}
