using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// A tensor in the define-by-run graph: its value (<see cref="Data"/>), the function that made it
/// (<see cref="Creator"/>), and after <see cref="Backward"/> its gradient (<see cref="Grad"/>), itself a
/// Variable so that gradients can be differentiated again.
/// </summary>
public partial class Variable
{
    private Tensor data;

    /// <summary>A leaf variable (an input or a constant) holding <paramref name="data"/>.</summary>
    /// <param name="data">The value; not copied.</param>
    /// <param name="name">An optional name, shown in graphs.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public Variable(Tensor data, string? name = null)
    {
        this.data = data ?? throw new ArgumentNullException(nameof(data));
        Name = name;
    }

    /// <summary>The value.</summary>
    public Tensor Data
    {
        get => data;
        set => data = Accepted(value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>What <see cref="Data"/> stores when assigned <paramref name="value"/>: the value itself; a Parameter keeps its dtype.</summary>
    private protected virtual Tensor Accepted(Tensor value) => value;

    /// <summary>The gradient of the last <see cref="Backward"/> output with respect to this variable, or null.</summary>
    public Variable? Grad { get; set; }

    /// <summary>
    /// The forward-mode tangent (directional derivative) carried with the value, or null for zero.
    /// Every function applied to a variable with a tangent computes its output's tangent too
    /// (see <see cref="Function.Jvp"/>), with or without a graph.
    /// </summary>
    public Tensor? Tangent
    {
        get => tangent;
        set
        {
            if (value is not null && !ShapeEqual(value, data))
                throw new ArgumentException($"Tangent: shape {value.ShapeString} does not match the variable's shape {data.ShapeString}");
            tangent = value;
        }
    }
    private Tensor? tangent;

    /// <summary>
    /// Whether backprop should compute this variable's gradient when it is a leaf (true by default, as in
    /// DeZero). A variable made by a function always gets one. Layers set it to false on the input they wrap
    /// around a plain tensor (<c>layer.Forward(tensor)</c>), whose gradient nobody can read, so that e.g. the
    /// first convolution skips the gradient of the images, as PyTorch does for data without <c>requires_grad</c>.
    /// </summary>
    public bool RequiresGrad { get; set; } = true;

    /// <summary>An optional name, shown in graphs.</summary>
    public string? Name { get; set; }

    /// <summary>The function whose output this is (null for inputs and parameters).</summary>
    public Function? Creator { get; private set; }

    /// <summary>One more than the creator's generation; 0 for inputs.</summary>
    public int Generation { get; private set; }

    /// <summary>The shape of <see cref="Data"/> (a copy).</summary>
    public int[] Shape => data.Shape;
    /// <summary>The element type of <see cref="Data"/>.</summary>
    public DType DType => data.DType;
    /// <summary>The number of elements.</summary>
    public int Size => data.Size;
    /// <summary>The number of axes (0 for a scalar).</summary>
    public int NDim => data.NDim;

    /// <summary>True for a variable computed inside <see cref="Config.NoGrad"/>: it has no graph to walk back.</summary>
    internal bool MadeWithoutGraph { get; set; }

    /// <summary>The number of the backward pass that owns this gradient's storage; 0 for none (see <see cref="RecycledGradients"/>).</summary>
    internal int OwnerPass;

    internal void SetCreator(Function f)
    {
        Creator = f;
        Generation = f.Generation + 1;
    }

    /// <summary>Forgets the gradient.</summary>
    public void ClearGrad() => Grad = null;

    /// <summary>
    /// Backpropagation: seeds this variable's gradient with ones (unless already set), then visits the
    /// functions newest generation first, accumulating gradients of variables used more than once.
    /// Intermediate gradients are freed unless <paramref name="retainGrad"/>; with
    /// <paramref name="createGraph"/> the backward pass is itself recorded, so gradients can be differentiated.
    /// </summary>
    public void Backward(bool retainGrad = false, bool createGraph = false)
    {
        CheckBackward();
        Backprop.Run(this, retainGrad, createGraph);
    }

    /// <summary>
    /// <see cref="Backward"/> that fills only the gradients of the variables <paramref name="reach"/> leads to, as
    /// <c>torch.autograd.grad</c>: the functions that lead to none of them are not visited, and no other leaf's
    /// gradient is touched.
    /// </summary>
    internal void BackwardTo(GraphReach reach, bool createGraph)
    {
        CheckBackward();
        Backprop.Run(this, retainGrad: false, createGraph, reach);
    }

    private void CheckBackward()
    {
        if (MadeWithoutGraph)
            throw new InvalidOperationException($"Backward: this variable of shape {data.ShapeString} was computed inside Config.NoGrad() and has no graph");
        if (!data.DType.IsFloat())
            throw new InvalidOperationException($"Backward: needs a float variable, this one has dtype {data.DType.Name()}");
    }

    private static bool ShapeEqual(Tensor a, Tensor b) => a.ShapeSpan.SequenceEqual(b.ShapeSpan);

    /// <summary>
    /// Cuts the graph behind this variable's creator: every variable upstream forgets its creator, so it
    /// becomes a leaf (truncated backprop through time). This variable keeps its own creator, as in DeZero.
    /// </summary>
    public void UnchainBackward()
    {
        if (Creator is null) return;
        var stack = new Stack<Function>();
        stack.Push(Creator);
        while (stack.TryPop(out var f))
        {
            foreach (var x in f.Inputs)
            {
                if (x.Creator is null) continue;
                stack.Push(x.Creator);
                x.Creator = null;
            }
        }
    }

    /// <summary>DeZero's style: <c>variable([1. 2.])</c>, continuation lines indented under the bracket.</summary>
    public override string ToString() => "variable(" + data.ToString().Replace("\n", "\n         ") + ")";
}
