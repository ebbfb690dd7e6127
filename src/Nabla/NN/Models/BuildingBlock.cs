using Nabla.Autodiff;

namespace Nabla.NN.Models;

/// <summary>One stage of a ResNet: a projecting bottleneck followed by identity bottlenecks.</summary>
public sealed class BuildingBlock : Layer
{
    private readonly Layer[] a;

    /// <param name="layers">The number of bottlenecks, at least one.</param>
    /// <param name="midChannels">The channels inside each bottleneck.</param>
    /// <param name="outChannels">The channels of the stage's output.</param>
    /// <param name="stride">The stride of the first (projecting) bottleneck.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layers"/> is less than one.</exception>
    public BuildingBlock(int layers, int midChannels, int outChannels, int stride)
    {
        if (layers < 1) throw new ArgumentOutOfRangeException(nameof(layers), layers, "BuildingBlock: needs at least one layer");
        a = [new BottleneckA(midChannels, outChannels, stride), .. Enumerable.Range(1, layers - 1).Select(_ => new BottleneckB(midChannels, outChannels))];
    }

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Layer Layer)> NamedChildren() => a.Select((layer, i) => ($"a{i}", layer));

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        foreach (var layer in a) x = layer.Call(x);
        return x;
    }
}
