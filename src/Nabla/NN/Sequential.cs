using Nabla.Autodiff;

namespace Nabla.NN;

/// <summary>Layers applied one after another; children are named "0", "1", ... as in PyTorch.</summary>
public sealed class Sequential : Model
{
    private readonly List<Layer> layers;

    /// <param name="layers">The layers, in the order they are applied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or one of them is null.</exception>
    public Sequential(params Layer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        for (int i = 0; i < layers.Length; i++)
            if (layers[i] is null) throw new ArgumentNullException(nameof(layers), $"Sequential: layer {i} is null");
        this.layers = [.. layers];
    }

    /// <summary>The number of layers.</summary>
    public int Count => layers.Count;

    /// <summary>The layer at <paramref name="index"/> (0-based).</summary>
    public Layer this[int index] => layers[index];

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        foreach (var layer in layers) x = layer.Forward(x);
        return x;
    }

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Layer Layer)> NamedChildren() =>
        layers.Select((layer, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
}
