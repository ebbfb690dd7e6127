using Nabla.Autodiff;

namespace Nabla.NN.Optimizers;

/// <summary>Keeps the given layers' (or single) parameters unchanged, as DeZero's FreezeParam.</summary>
public sealed class FreezeParam : IOptimizerHook
{
    private readonly HashSet<Parameter> frozen = new(ReferenceEqualityComparer.Instance);

    /// <param name="layers">The layers whose parameters (their children's included) stay unchanged.</param>
    public FreezeParam(params Layer[] layers)
    {
        foreach (var layer in layers ?? throw new ArgumentNullException(nameof(layers)))
            foreach (var p in layer.Parameters()) frozen.Add(p);
    }

    /// <param name="parameters">The parameters that stay unchanged.</param>
    public FreezeParam(params Parameter[] parameters)
    {
        foreach (var p in parameters ?? throw new ArgumentNullException(nameof(parameters))) frozen.Add(p);
    }

    /// <inheritdoc/>
    public void Apply(IReadOnlyList<GradientEntry> entries)
    {
        foreach (var e in entries)
            if (frozen.Contains(e.Parameter)) e.Frozen = true;
    }
}
