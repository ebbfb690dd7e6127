using Nabla.Autodiff;

namespace Nabla.NN;

/// <summary>Layers applied one after another; children are named "0", "1", ... as in PyTorch.</summary>
public sealed class Sequential : Model
{
    private readonly List<Layer> layers;

    /// <param name="layers">The layers, in the order they are applied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or one of them is null.</exception>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Sequential(params Layer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        for (int i = 0; i < layers.Length; i++)
            if (layers[i] is null) throw new ArgumentNullException(nameof(layers), $"Sequential: layer {i} is null");
        this.layers = [.. layers];
    }

    /// <summary>
    /// Layers and functions applied one after another: <c>new Sequential(new Linear(10), F.ReLU, new Linear(3))</c>.
    /// A layer stays itself; a function (a method such as <c>F.ReLU</c>, or a lambda) becomes an <see cref="Activation"/>
    /// child without parameters in its position, so the numbering matches PyTorch's nn.Sequential with nn.ReLU.
    /// </summary>
    public Sequential(params Func<Variable, Variable>[] steps) : this(ToLayers(steps))
    {
    }

    private static Layer[] ToLayers(Func<Variable, Variable>[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var layers = new Layer[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            var f = steps[i] ?? throw new ArgumentNullException(nameof(steps), $"Sequential: layer {i} is null");
            // A layer converted to a function is its Call: keep the layer itself (its parameters, its hooks).
            layers[i] = f.Target is Layer layer && f.Method.Name == nameof(Layer.Call) && f.Method.DeclaringType == typeof(Layer)
                ? layer
                : new Activation(f, f.Method.Name.Contains('<') ? "Lambda" : f.Method.Name);
        }
        return layers;
    }

    /// <summary>The number of layers.</summary>
    public int Count => layers.Count;

    /// <summary>The layer at <paramref name="index"/> (0-based).</summary>
    public Layer this[int index] => layers[index];

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        foreach (var layer in layers) x = layer.Call(x);
        return x;
    }

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Layer Layer)> NamedChildren() =>
        layers.Select((layer, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
}
