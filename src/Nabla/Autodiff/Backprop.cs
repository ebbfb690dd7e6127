namespace Nabla.Autodiff;

/// <summary>
/// The backward pass, shaped like DeZero's <c>Variable.backward</c>: take the newest function still to visit, hand
/// its outputs' gradients to its backward rule, add what comes back to its inputs' gradients, and queue the inputs'
/// creators. Where gradients are kept, and in the usual pass recycled, is the <see cref="IGradientStore"/>'s business.
/// </summary>
internal static class Backprop
{
    /// <summary>Fills the gradients of everything <paramref name="root"/> depends on (see <see cref="Variable.Backward"/>).</summary>
    /// <remarks>With <paramref name="reach"/>, only the part of the graph that leads to its variables is walked, and only
    /// their gradients and those on the way are filled.</remarks>
    public static void Run(Variable root, bool retainGrad, bool createGraph, GraphReach? reach = null)
    {
        IGradientStore grads = retainGrad || createGraph ? KeptGradients.Instance : RecycledGradients.Begin();
        root.Grad ??= grads.Seed(root.Data);
        using var mode = createGraph ? Config.EnableGrad() : Config.NoGrad(); // one scope for the whole pass
        using var functions = FunctionQueue.Take();
        if (reach is null || reach.Visits(root.Creator)) functions.Add(root.Creator);
        while (functions.TryPop(out var f))
        {
            var gys = grads.Consume(f);
            var gxs = f.RunBackward(gys, recordsGraph: createGraph, reach?.Needs(f));
            Check(f, gxs);
            if (reach is not null) Prune(f, gxs, reach);
            grads.Accumulate(f, gys, gxs);
            foreach (var x in f.Inputs)
                if (reach is null || reach.Visits(x.Creator)) functions.Add(x.Creator);
            grads.Release(gxs);
            if (!retainGrad) f.ClearOutputGrads();
        }
        // Multi-output functions hold their outputs weakly: without this, the JIT may let the root (often unused
        // after the call) be collected mid-pass, and its creator would then see a zero gradient.
        GC.KeepAlive(root);
    }

    /// <summary>Drops what a rule computed anyway for an input that leads to no variable differentiated.</summary>
    private static void Prune(Function f, Variable?[] gxs, GraphReach reach)
    {
        for (int i = 0; i < gxs.Length; i++)
            if (gxs[i] is not null && !reach.Leads(f.Inputs[i])) gxs[i] = null;
    }

    /// <summary>A backward rule returns one gradient (or null) per input, shaped like that input.</summary>
    private static void Check(Function f, Variable?[] gxs)
    {
        if (gxs.Length != f.Inputs.Length)
            throw new InvalidOperationException($"{f.Name}: backward returned {gxs.Length} gradients for {f.Inputs.Length} inputs");
        for (int i = 0; i < gxs.Length; i++)
        {
            var (x, gx) = (f.Inputs[i].Data, gxs[i]?.Data);
            if (gx is not null && !gx.ShapeSpan.SequenceEqual(x.ShapeSpan))
                throw new InvalidOperationException($"{f.Name}: gradient of shape {gx.ShapeString} for input {i} of shape {x.ShapeString}");
        }
    }
}
