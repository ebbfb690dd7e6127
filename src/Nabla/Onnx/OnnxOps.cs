using Nabla.Autodiff;

namespace Nabla.Onnx;

/// <summary>
/// Each supported ONNX operator as Nabla functions (so the replayed graph is differentiable). Attribute values
/// Nabla cannot honour exactly (dilations, groups, asymmetric pads, ceil_mode, ...) are errors naming the node.
/// </summary>
internal static class OnnxOps
{
    /// <summary>The op types <see cref="Apply"/> handles (default ONNX domain).</summary>
    public static readonly HashSet<string> Supported =
    [
        "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Neg", "Exp", "Log", "Sqrt", "Tanh", "Sigmoid", "Relu", "Abs",
        "Sin", "Cos", "Pow", "LeakyRelu", "Softmax", "LogSoftmax", "Reshape", "Flatten", "Transpose", "Concat",
        "Squeeze", "Unsqueeze", "Identity", "Dropout", "Constant", "Conv", "ConvTranspose", "MaxPool", "AveragePool",
        "GlobalAveragePool", "BatchNormalization", "ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "Expand",
    ];

    public static Variable Apply(OnnxNode node, Func<int, Variable?> input, int opset)
    {
        Variable X(int i) => input(i) ?? throw Error(node, $"input {i} is missing");
        var a = new Attributes(node);
        switch (node.OpType)
        {
            case "Gemm": return Gemm(X(0), X(1), input(2), a);
            case "MatMul": return F.MatMul(X(0), X(1));
            case "Add": return F.Add(X(0), X(1));
            case "Sub": return F.Sub(X(0), X(1));
            case "Mul": return F.Mul(X(0), X(1));
            case "Div": return F.Div(X(0), X(1));
            case "Neg": return F.Neg(X(0));
            case "Exp": return F.Exp(X(0));
            case "Log": return F.Log(X(0));
            case "Sqrt": return F.Sqrt(X(0));
            case "Tanh": return F.Tanh(X(0));
            case "Sigmoid": return F.Sigmoid(X(0));
            case "Relu": return F.ReLU(X(0));
            case "Abs": return F.Abs(X(0));
            case "Sin": return F.Sin(X(0));
            case "Cos": return F.Cos(X(0));
            case "Identity" or "Dropout": return X(0);
            case "Pow": return F.Pow(X(0), Scalar(node, X(1)));
            case "LeakyRelu": return F.LeakyReLU(X(0), a.Float("alpha", 0.01));
            case "Softmax": return F.Softmax(X(0), SoftmaxAxis(node, X(0), a, opset));
            case "LogSoftmax": return F.LogSoftmax(X(0), SoftmaxAxis(node, X(0), a, opset));
            case "Reshape": return Reshape(node, X(0), Ints(X(1)), a);
            case "Expand": return Expand(node, X(0), Ints(X(1)));
            case "Flatten":
            {
                var x = X(0);
                int axis = Axis(node, a.Int("axis", 1), x.NDim + 1);
                int outer = x.Shape[..axis].Aggregate(1, (p, d) => p * d);
                return F.Reshape(x, outer, x.Shape[axis..].Aggregate(1, (p, d) => p * d));
            }
            case "Transpose":
            {
                var x = X(0);
                var perm = a.Ints("perm")?.Select(p => (int)p).ToArray() ?? Enumerable.Range(0, x.NDim).Reverse().ToArray();
                return F.Transpose(x, perm);
            }
            case "Concat":
            {
                var xs = Enumerable.Range(0, node.Inputs.Count).Select(X).ToList();
                return F.Concat(xs, Axis(node, a.Int("axis", 0), xs[0].NDim));
            }
            case "Squeeze" or "Unsqueeze": return Squeeze(node, X(0), AxesOf(node, input, a, opset >= 13), node.OpType == "Unsqueeze");
            case "Constant": return new Variable(Constant(node, a)) { RequiresGrad = false };
            case "Conv": return Conv(node, X(0), X(1), input(2), a, transposed: false);
            case "ConvTranspose": return Conv(node, X(0), X(1), input(2), a, transposed: true);
            case "MaxPool" or "AveragePool": return Pool(node, X(0), a);
            case "GlobalAveragePool":
            {
                var x = X(0);
                var axes = Enumerable.Range(2, x.NDim - 2).ToArray();
                double count = axes.Aggregate(1.0, (p, i) => p * x.Shape[i]);
                return F.Sum(x, axes, keepDims: true) / count;
            }
            case "BatchNormalization": return BatchNorm(node, X(0), X(1), X(2), X(3), X(4), a);
            case "ReduceSum": return Reduce(node, X(0), AxesOf(node, input, a, opset >= 13), a, "sum");
            case "ReduceMean": return Reduce(node, X(0), AxesOf(node, input, a, opset >= 18), a, "mean");
            case "ReduceMax": return Reduce(node, X(0), AxesOf(node, input, a, opset >= 18), a, "max");
            case "ReduceMin": return Reduce(node, X(0), AxesOf(node, input, a, opset >= 18), a, "min");
            default: throw Error(node, "is not supported");
        }
    }

    private static Variable Gemm(Variable a, Variable b, Variable? c, Attributes attrs)
    {
        if (attrs.Int("transA", 0) != 0) a = F.Transpose(a);
        if (attrs.Int("transB", 0) != 0) b = F.Transpose(b);
        double alpha = attrs.Float("alpha", 1), beta = attrs.Float("beta", 1);
        if (alpha == 1 && beta == 1 && (c is null || c.NDim == 1)) return F.Linear(a, b, c);
        var y = F.MatMul(a, b);
        if (alpha != 1) y *= alpha;
        if (c is null) return y;
        return y + (beta == 1 ? c : c * beta);
    }

    private static int SoftmaxAxis(OnnxNode node, Variable x, Attributes a, int opset)
    {
        int axis = Axis(node, a.Int("axis", opset >= 13 ? -1 : 1), x.NDim);
        // Before opset 13 softmax ran over all axes from `axis` on (the input flattened to 2-D).
        if (opset < 13 && axis != x.NDim - 1)
            throw Error(node, $"with opset {opset} normalizes over axes {axis}.. of a rank-{x.NDim} input together, which Nabla's Softmax does not");
        return axis;
    }

    private static Variable Reshape(OnnxNode node, Variable x, long[] shape, Attributes a)
    {
        var target = new int[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 0 && a.Int("allowzero", 0) == 0)
            {
                if (i >= x.NDim) throw Error(node, $"shape [{string.Join(",", shape)}] copies axis {i} (0) of a rank-{x.NDim} input");
                target[i] = x.Shape[i];
            }
            else if (shape[i] < -1) throw Error(node, $"shape [{string.Join(",", shape)}] has a negative size");
            else target[i] = checked((int)shape[i]);
        }
        try
        {
            return F.Reshape(x, target);
        }
        catch (ArgumentException e)
        {
            throw Error(node, $"cannot reshape ({string.Join(",", x.Shape)}) to [{string.Join(",", shape)}]: {e.Message}");
        }
    }

    private static Variable Expand(OnnxNode node, Variable x, long[] shape)
    {
        // ONNX Expand broadcasts both ways: a 1 in the shape keeps the input's size.
        int rank = Math.Max(x.NDim, shape.Length);
        var target = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int xi = i - (rank - x.NDim), si = i - (rank - shape.Length);
            int xd = xi >= 0 ? x.Shape[xi] : 1;
            int sd = si >= 0 ? (int)shape[si] : 1;
            if (xd != sd && xd != 1 && sd != 1) throw Error(node, $"cannot expand ({string.Join(",", x.Shape)}) to [{string.Join(",", shape)}]");
            target[i] = Math.Max(xd, sd);
        }
        return F.BroadcastTo(x, target);
    }

    private static Variable Squeeze(OnnxNode node, Variable x, long[]? axes, bool unsqueeze)
    {
        var shape = x.Shape.ToList();
        if (unsqueeze)
        {
            if (axes is null) throw Error(node, "needs axes");
            int rank = shape.Count + axes.Length;
            foreach (int axis in axes.Select(ax => Axis(node, ax, rank)).Order()) shape.Insert(axis, 1);
        }
        else
        {
            var drop = axes?.Select(ax => Axis(node, ax, x.NDim)).ToHashSet() ?? Enumerable.Range(0, x.NDim).Where(i => x.Shape[i] == 1).ToHashSet();
            foreach (int i in drop)
                if (x.Shape[i] != 1) throw Error(node, $"cannot squeeze axis {i} of size {x.Shape[i]}");
            shape = x.Shape.Where((_, i) => !drop.Contains(i)).ToList();
        }
        return F.Reshape(x, [.. shape]);
    }

    private static Variable Conv(OnnxNode node, Variable x, Variable w, Variable? b, Attributes a, bool transposed)
    {
        if (w.NDim != 4) throw Error(node, $"has a rank-{w.NDim} weight; Nabla convolves 2-D images only (weights of rank 4)");
        if (a.Int("group", 1) != 1) throw Error(node, $"has group={a.Int("group", 1)}; Nabla's convolutions support group=1 only");
        RequireOnes(node, a, "dilations");
        CheckAutoPad(node, a);
        if (transposed && a.Ints("output_padding") is { } op && op.Any(v => v != 0))
            throw Error(node, $"has output_padding [{string.Join(",", op)}], which Nabla's Deconv2d does not support");
        var stride = PairOf(a.Ints("strides"), 1, node, "strides");
        var pad = Pads(node, a);
        if (!transposed) return F.Conv2d(x, w, b, stride, pad);
        Pair? outsize = a.Ints("output_shape") is { Length: 2 } s ? new Pair((int)s[0], (int)s[1]) : null;
        return F.Deconv2d(x, w, b, stride, pad, outsize);
    }

    private static Variable Pool(OnnxNode node, Variable x, Attributes a)
    {
        if (x.NDim != 4) throw Error(node, $"has a rank-{x.NDim} input; Nabla pools 2-D images only (rank 4)");
        if (a.Int("ceil_mode", 0) != 0) throw Error(node, "has ceil_mode=1, which Nabla's pooling does not support");
        if (a.Int("storage_order", 0) != 0) throw Error(node, "has storage_order=1, which Nabla does not support");
        RequireOnes(node, a, "dilations");
        CheckAutoPad(node, a);
        var kernel = PairOf(a.Ints("kernel_shape") ?? throw Error(node, "has no kernel_shape"), 1, node, "kernel_shape");
        var stride = PairOf(a.Ints("strides"), 1, node, "strides");
        var pad = Pads(node, a);
        if (node.OpType == "MaxPool") return F.Pooling(x, kernel, stride, pad);
        if (pad != default(Pair)) throw Error(node, $"pads {pad}; Nabla's average pooling is exported and imported without padding only");
        return F.AveragePooling(x, kernel, stride, pad);
    }

    private static Variable BatchNorm(OnnxNode node, Variable x, Variable gamma, Variable beta, Variable mean, Variable variance, Attributes a)
    {
        if (a.Int("training_mode", 0) != 0) throw Error(node, "has training_mode=1; Nabla imports BatchNormalization in inference form");
        if (node.Outputs.Count > 1) throw Error(node, "has the running-statistics outputs of training mode");
        var shape = Enumerable.Range(0, x.NDim).Select(i => i == 1 ? x.Shape[1] : 1).ToArray();
        Variable R(Variable v) => F.Reshape(v, shape);
        var scale = R(gamma) / F.Sqrt(R(variance) + a.Float("epsilon", 1e-5));
        return (x - R(mean)) * scale + R(beta);
    }

    private static Variable Reduce(OnnxNode node, Variable x, long[]? axes, Attributes a, string kind)
    {
        bool keep = a.Int("keepdims", 1) != 0;
        if (axes is { Length: 0 }) axes = null;
        if (axes is null && a.Int("noop_with_empty_axes", 0) != 0) return x;
        var ax = axes?.Select(v => Axis(node, v, x.NDim)).ToArray();
        switch (kind)
        {
            case "sum": return F.Sum(x, ax, keep);
            case "mean":
                double count = ax is null ? x.Size : ax.Aggregate(1.0, (p, i) => p * x.Shape[i]);
                return F.Sum(x, ax, keep) / count;
            default:
                if (ax is { Length: > 1 }) throw Error(node, $"reduces over {ax.Length} axes at once; Nabla's Max and Min take one axis or all");
                int? axis = ax is null ? null : ax[0];
                return kind == "max" ? F.Max(x, axis, keep) : F.Min(x, axis, keep);
        }
    }

    private static Tensors.Tensor Constant(OnnxNode node, Attributes a)
    {
        if (a.Tensor("value") is { } t) return OnnxTensors.ToTensor(t);
        if (a.Has("value_float")) return Tensors.Tensor.Scalar(a.Float("value_float", 0), Tensors.DType.Float32);
        if (a.Has("value_int")) return Tensors.Tensor.Scalar(a.Int("value_int", 0), Tensors.DType.Int64);
        if (a.Ints("value_ints") is { } ints) return Tensors.Tensor.FromArray(ints);
        if (a.Floats("value_floats") is { } floats) return Tensors.Tensor.FromArray(floats.Select(f => (float)f).ToArray());
        throw Error(node, "has none of the attributes value, value_float, value_int, value_floats, value_ints that Nabla reads");
    }

    private static long[]? AxesOf(OnnxNode node, Func<int, Variable?> input, Attributes a, bool asInput) =>
        asInput ? (input(1) is { } v ? Ints(v) : null) : a.Ints("axes");

    private static Pair Pads(OnnxNode node, Attributes a)
    {
        var pads = a.Ints("pads");
        if (pads is null) return default;
        if (pads.Length != 4 || pads[0] != pads[2] || pads[1] != pads[3])
            throw Error(node, $"has pads [{string.Join(",", pads)}]; Nabla supports symmetric 2-D pads only (begin = end)");
        return new Pair((int)pads[0], (int)pads[1]);
    }

    private static void CheckAutoPad(OnnxNode node, Attributes a)
    {
        var autoPad = a.String("auto_pad", "NOTSET");
        if (autoPad is not ("NOTSET" or "VALID" or ""))
            throw Error(node, $"has auto_pad={autoPad}; give explicit pads instead");
    }

    private static void RequireOnes(OnnxNode node, Attributes a, string name)
    {
        if (a.Ints(name) is { } values && values.Any(v => v != 1))
            throw Error(node, $"has {name} [{string.Join(",", values)}]; Nabla supports 1 only");
    }

    private static Pair PairOf(long[]? values, int fallback, OnnxNode node, string name)
    {
        if (values is null) return fallback;
        if (values.Length != 2) throw Error(node, $"has {name} [{string.Join(",", values)}]; Nabla needs two values (2-D)");
        return new Pair((int)values[0], (int)values[1]);
    }

    private static int Axis(OnnxNode node, long axis, int rank)
    {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.Max(rank, 1)) throw Error(node, $"axis {axis} is out of range for rank {rank}");
        return (int)a;
    }

    private static double Scalar(OnnxNode node, Variable v)
    {
        if (v.Size != 1) throw Error(node, $"needs a scalar exponent, got shape ({string.Join(",", v.Shape)})");
        return v.Data.ToDoubleArray()[0];
    }

    private static long[] Ints(Variable v) => v.Data.AsType(Tensors.DType.Int64).ToArray<long>();

    internal static InvalidDataException Error(OnnxNode node, string problem) =>
        new($"Onnx: node '{node.Name}' ({node.OpType}) {problem}");
}
