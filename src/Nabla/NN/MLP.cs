using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>
/// A multi-layer perceptron as DeZero's: Linear layers of the given output sizes (input size inferred),
/// the activation between them, none after the last. Layers are named l0, l1, ...
/// </summary>
public sealed class MLP : Model
{
    private readonly Linear[] l;
    private readonly Func<Variable, Variable> activation;

    /// <param name="fcOutputSizes">The output size of each Linear layer, the last one being the model's output; at least one.</param>
    /// <param name="activation">Applied between the layers (default <see cref="F.Sigmoid"/>, as DeZero's).</param>
    /// <param name="dtype">The parameters' dtype, Float32 or Float64.</param>
    /// <param name="gen">Where the initial weights come from (default <see cref="Init.Generator"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="fcOutputSizes"/> is empty.</exception>
    public MLP(IReadOnlyList<int> fcOutputSizes, Func<Variable, Variable>? activation = null, DType dtype = DType.Float32, Generator? gen = null)
    {
        ArgumentNullException.ThrowIfNull(fcOutputSizes);
        if (fcOutputSizes.Count == 0) throw new ArgumentException("MLP: needs at least one layer size", nameof(fcOutputSizes));
        this.activation = activation ?? F.Sigmoid;
        l = fcOutputSizes.Select(size => new Linear(size, dtype: dtype, gen: gen)).ToArray();
    }

    /// <summary>The Linear layers, in order (l0, l1, ...).</summary>
    public IReadOnlyList<Linear> Linears => l;

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Layer Layer)> NamedChildren() => l.Select((layer, i) => ($"l{i}", (Layer)layer));

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        for (int i = 0; i < l.Length - 1; i++) x = activation(l[i].Forward(x));
        return l[^1].Forward(x);
    }
}
