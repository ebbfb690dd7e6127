using Nabla.Autodiff;

namespace Nabla.NN;

/// <summary>Layers applied one after another; children are named "0", "1", ... as in PyTorch.</summary>
public sealed class Sequential : Model
{
    private readonly List<Layer> layers;

    public Sequential(params Layer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        for (int i = 0; i < layers.Length; i++)
            if (layers[i] is null) throw new ArgumentNullException(nameof(layers), $"Sequential: layer {i} is null");
        this.layers = [.. layers];
    }

    public int Count => layers.Count;

    public Layer this[int index] => layers[index];

    public override Variable Forward(Variable x)
    {
        foreach (var layer in layers) x = layer.Forward(x);
        return x;
    }

    public override IEnumerable<(string Name, Layer Layer)> NamedChildren() =>
        layers.Select((layer, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
}
