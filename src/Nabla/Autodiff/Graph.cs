using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// The computational graph behind a variable as Graphviz DOT text, as DeZero's get_dot_graph and
/// plot_dot_graph: variables are orange ovals labelled with their names (and with <c>verbose</c> their shape
/// and dtype), functions light-blue boxes labelled with <see cref="Function.Name"/>, and edges run
/// input → function → output. Each variable and function appears once, however often it is used.
/// </summary>
public static class Graph
{
    /// <summary>The DOT text of the graph that <paramref name="y"/> was computed by.</summary>
    public static string ToDot(Variable y, bool verbose = false)
    {
        ArgumentNullException.ThrowIfNull(y);
        var (variables, functions) = Collect(y);
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

    /// <summary>The number of nodes (variables and functions) in the graph of <paramref name="y"/>.</summary>
    public static int NodeCount(Variable y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var (variables, functions) = Collect(y);
        return variables.Count + functions.Count;
    }

    /// <summary>The number of distinct functions in the graph of <paramref name="y"/>.</summary>
    public static int FunctionCount(Variable y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Collect(y).Item2.Count;
    }

    /// <summary>The number of distinct variables (inputs, parameters, intermediates and <paramref name="y"/>) in its graph.</summary>
    public static int VariableCount(Variable y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Collect(y).Item1.Count;
    }

    /// <summary>
    /// Draws the graph of <paramref name="y"/> into <paramref name="path"/> with Graphviz, in the format named by
    /// its extension (.png, .svg, .pdf, ...; .dot writes only the DOT text). The DOT text is first written next
    /// to it (the same name with the extension .dot), then <paramref name="dotExecutable"/> is run on it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Graphviz's dot was not found, or failed.</exception>
    public static void SavePng(Variable y, string path, bool verbose = false, string dotExecutable = "dot")
    {
        ArgumentNullException.ThrowIfNull(path);
        string format = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        if (format.Length == 0)
            throw new ArgumentException($"Graph.SavePng: path '{path}' has no extension to choose the image format (e.g. .png, .svg, .pdf)", nameof(path));
        string dotPath = Path.ChangeExtension(path, ".dot");
        File.WriteAllText(dotPath, ToDot(y, verbose));
        if (format != "dot") RunDot(dotExecutable, format, dotPath, path);
    }

    private static void RunDot(string dotExecutable, string format, string dotPath, string path)
    {
        var start = new ProcessStartInfo(dotExecutable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-T" + format, "-o", path, dotPath }) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{dotExecutable} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Graph.SavePng: Graphviz's `dot` executable ('{dotExecutable}') was not found or could not be started ({e.Message}). " +
                $"Install the Debian package graphviz (apt-get install graphviz). The DOT file was still written at {dotPath}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            stdout.Wait();
            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"Graph.SavePng: `{dotExecutable} -T{format}` exited with code {process.ExitCode}: {stderr.Trim()} (the DOT file is at {dotPath})");
        }
    }

    /// <summary>Every variable and function y depends on, y first, each once (identity, not equality, decides).</summary>
    private static (List<Variable> Variables, List<Function> Functions) Collect(Variable y)
    {
        var variables = new List<Variable> { y };
        var functions = new List<Function>();
        var seenVariables = new HashSet<Variable>(ReferenceEqualityComparer.Instance) { y };
        var seenFunctions = new HashSet<Function>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Function>();
        void Visit(Function? f)
        {
            if (f is not null && seenFunctions.Add(f)) pending.Push(f);
        }
        Visit(y.Creator);
        while (pending.TryPop(out var f))
        {
            functions.Add(f);
            foreach (var x in f.Inputs)
            {
                if (seenVariables.Add(x)) variables.Add(x);
                Visit(x.Creator);
            }
        }
        return (variables, functions);
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
