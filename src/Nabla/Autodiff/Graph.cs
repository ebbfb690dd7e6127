namespace Nabla.Autodiff;

/// <summary>
/// The computational graph behind a variable: the variables and functions it was computed by, each counted once
/// however often it is used. Drawing it is IO's business (<c>Nabla.IO.DotWriter</c>, <c>Nabla.IO.Graphviz</c>).
/// </summary>
public static class Graph
{
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

    /// <summary>Every variable and function y depends on, y first, each once (identity, not equality, decides).</summary>
    internal static (List<Variable> Variables, List<Function> Functions) Collect(Variable y)
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
}
