using System.Text;
using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// The computational graph behind a variable as Graphviz DOT text, as DeZero's get_dot_graph: variables are
/// orange ovals labelled with their names (and with <c>verbose</c> their shape and dtype), functions light-blue
/// boxes labelled with <see cref="Function.Name"/>, and edges run input → function → output. Each variable and
/// function appears once, however often it is used. <see cref="Graphviz"/> draws the text as an image.
/// </summary>
public static class DotWriter
{
    /// <summary>The DOT text of the graph that <paramref name="y"/> was computed by.</summary>
    public static string ToDot(Variable y, bool verbose = false)
    {
        ArgumentNullException.ThrowIfNull(y);
        var (variables, functions) = Graph.Collect(y);
        var ids = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < variables.Count; i++) ids[variables[i]] = "v" + i;
        for (int i = 0; i < functions.Count; i++) ids[functions[i]] = "f" + i;
        var text = new StringBuilder("digraph g {\n");
        foreach (var v in variables)
            text.Append($"{ids[v]} [label=\"{Escape(Label(v, verbose))}\", color=orange, style=filled]\n");
        foreach (var f in functions)
        {
            text.Append($"{ids[f]} [label=\"{Escape(f.Name)}\", color=lightblue, style=filled, shape=box]\n");
            foreach (var x in f.Inputs) text.Append($"{ids[x]} -> {ids[f]}\n");
        }
        // Edges to outputs come from the variables' creators: the graph of y holds the outputs y depends on.
        foreach (var v in variables)
            if (v.Creator is { } c && ids.TryGetValue(c, out var fid)) text.Append($"{fid} -> {ids[v]}\n");
        return text.Append("}\n").ToString();
    }

    private static string Label(Variable v, bool verbose)
    {
        string name = v.Name ?? "";
        if (!verbose) return name;
        return (name.Length > 0 ? name + ": " : "") + v.Data.ShapeString + " " + v.DType.Name();
    }

    /// <summary>Quotes and backslashes escaped, line breaks as DOT's \n, so any name is a valid DOT string.</summary>
    private static string Escape(string s) =>
        s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "").Replace("\n", "\\n");
}
