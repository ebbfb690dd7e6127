using System.Collections;
using Nabla.Autodiff;
using Nabla.IO;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>
/// A building block that owns <see cref="Parameter"/>s and child layers. They are found without
/// hand-written lists: every field or property of type Parameter, Layer, or a list of layers (or of lists of layers) is
/// discovered by reflection (once per type), and named after the member, hierarchically:
/// <c>"l1.W"</c>, <c>"blocks.0.conv1.W"</c>.
/// </summary>
public abstract partial class Layer
{
    /// <summary>The computation of this layer.</summary>
    public abstract Variable Forward(Variable x);

    /// <summary>The computation on a plain tensor (whose gradient is not computed: nothing could read it).</summary>
    public Variable Forward(Tensor x) => Forward(new Variable(x) { RequiresGrad = false });

    /// <summary>
    /// The direct children with their names (by default the discovered members; items of lists as "name.i",
    /// of lists of lists as "name.i.j").
    /// </summary>
    public virtual IEnumerable<(string Name, Layer Layer)> NamedChildren()
    {
        foreach (var (name, value) in LayerMembers.Values(this))
            if (value is not Parameter)
                foreach (var child in Children(name, value)) yield return child;
    }

    private static IEnumerable<(string Name, Layer Layer)> Children(string name, object value)
    {
        if (value is Layer layer)
        {
            yield return (name, layer);
        }
        else if (value is IEnumerable list)
        {
            // Positions count every item, nulls included, so a name always means the same slot.
            int i = 0;
            foreach (var item in list)
            {
                if (item is not null)
                    foreach (var child in Children($"{name}.{i}", item)) yield return child;
                i++;
            }
        }
    }

    /// <summary>The parameters owned directly by this layer (not its children), with their names.</summary>
    public virtual IEnumerable<(string Name, Parameter Parameter)> OwnParameters()
    {
        foreach (var (name, value) in LayerMembers.Values(this))
            if (value is Parameter p) yield return (name, p);
    }

    /// <summary>Every parameter of this layer and its descendants, each once, with its hierarchical name.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        foreach (var item in NamedParameters(""))
            if (seen.Add(item.Parameter)) yield return item;
    }

    private IEnumerable<(string Name, Parameter Parameter)> NamedParameters(string prefix)
    {
        foreach (var (name, p) in OwnParameters()) yield return (prefix + name, p);
        foreach (var (name, child) in NamedChildren())
            foreach (var item in child.NamedParameters(prefix + name + "."))
                yield return item;
    }

    /// <summary>Every parameter of this layer and its descendants.</summary>
    public IEnumerable<Parameter> Parameters() => NamedParameters().Select(item => item.Parameter);

    /// <summary>This layer and all its descendants, depth first.</summary>
    public IEnumerable<Layer> Layers()
    {
        yield return this;
        foreach (var (_, child) in NamedChildren())
            foreach (var layer in child.Layers())
                yield return layer;
    }

    /// <summary>Forgets every parameter's gradient.</summary>
    public void ClearGrads()
    {
        foreach (var p in Parameters()) p.ClearGrad();
    }

    /// <summary>The number of scalar weights (initialised parameters only).</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.Size);

    /// <summary>The Graphviz DOT text of one forward pass on <paramref name="x"/>, as DeZero's <c>model.plot</c>.</summary>
    public string Plot(Variable x, bool verbose = true) => DotWriter.ToDot(Forward(x), verbose);

    /// <summary>Draws one forward pass on <paramref name="x"/> into <paramref name="path"/> (.dot, or an image through Graphviz).</summary>
    public void Plot(Variable x, string path, bool verbose = true) => Graphviz.SaveImage(Forward(x), path, verbose);
}
