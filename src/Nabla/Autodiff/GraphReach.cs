namespace Nabla.Autodiff;

/// <summary>
/// Which part of a recorded graph a pass from <c>root</c> to the variables differentiated has to walk, as
/// <c>torch.autograd.grad(y, inputs)</c> does: the functions from which one of them can be reached, and of each such
/// function the inputs that lead to one. A data batch's gradient, or a model's while only the input is
/// differentiated, is then never computed.
/// </summary>
internal sealed class GraphReach
{
    private readonly HashSet<Variable> targets;
    private readonly HashSet<Function> relevant = new(ReferenceEqualityComparer.Instance);
    private readonly List<Function> functions = [];

    /// <summary>Finds the functions between <paramref name="root"/> and <paramref name="targets"/> on the graph recorded so far.</summary>
    public GraphReach(Variable root, IEnumerable<Variable> targets)
    {
        this.targets = new HashSet<Variable>(targets, ReferenceEqualityComparer.Instance);
        FindRelevant(root);
    }

    /// <summary>The relevant functions, oldest generation first.</summary>
    public IReadOnlyList<Function> Functions => functions;

    /// <summary>Whether the pass visits <paramref name="f"/>: one of its inputs leads to a variable differentiated.</summary>
    public bool Visits(Function? f) => f is not null && relevant.Contains(f);

    /// <summary>Whether a gradient reaching <paramref name="x"/> is wanted: it is differentiated or leads to one that is.</summary>
    public bool Leads(Variable x) => targets.Contains(x) || Visits(x.Creator);

    /// <summary>Whether <paramref name="x"/> is one of the variables differentiated.</summary>
    public bool IsTarget(Variable x) => targets.Contains(x);

    /// <summary>For each input of <paramref name="f"/>, whether its gradient is wanted (see <see cref="Function.InputNeedsGrad"/>).</summary>
    public bool[] Needs(Function f)
    {
        var needs = new bool[f.Inputs.Length];
        for (int i = 0; i < needs.Length; i++) needs[i] = Leads(f.Inputs[i]);
        return needs;
    }

    /// <summary>
    /// An input's creator is older than the function using it, so one sweep from the oldest generation up decides
    /// each function from its inputs.
    /// </summary>
    private void FindRelevant(Variable root)
    {
        var all = new List<Function>();
        var seen = new HashSet<Function>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Function>();
        if (root.Creator is { } start && seen.Add(start)) stack.Push(start);
        while (stack.TryPop(out var f))
        {
            all.Add(f);
            foreach (var x in f.Inputs)
                if (x.Creator is { } c && seen.Add(c)) stack.Push(c);
        }
        all.Sort((a, b) => a.Generation.CompareTo(b.Generation));
        foreach (var f in all)
        {
            if (!f.Inputs.Any(Leads)) continue;
            relevant.Add(f);
            functions.Add(f);
        }
    }
}
