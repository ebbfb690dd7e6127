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
        set => data = value ?? throw new ArgumentNullException(nameof(value));
    }

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
        if (MadeWithoutGraph)
            throw new InvalidOperationException($"Backward: this variable of shape {data.ShapeString} was computed inside Config.NoGrad() and has no graph");
        if (!data.DType.IsFloat())
            throw new InvalidOperationException($"Backward: needs a float variable, this one has dtype {data.DType.Name()}");
        // Gradient storage is recycled in the usual pass, which drops intermediate gradients and records nothing.
        int pass = !retainGrad && !createGraph ? NextPass() : 0;
        Grad ??= new Variable(Tensor.OnesLike(data)) { ownerPass = pass };
        var work = BackwardWork.Take();
        try
        {
            // One scope for the whole pass: each scope writes an AsyncLocal, which allocates an execution context.
            using var mode = createGraph ? Config.EnableGrad() : Config.NoGrad();
            work.Add(Creator);
            while (work.Queue.TryDequeue(out var f, out _))
            {
                var gys = f.OutputGrads();
                bool trusted = pass != 0 && IsBuiltIn(f);
                // Ownership ends where a gradient is read: the backward may pass it on (Add returns it twice).
                var consumed = pass != 0 ? Disown(gys, pass) : null;
                var gxs = f.Backward(gys);
                if (trusted) ClaimFresh(f, gys, gxs, pass);
                Accumulate(f, gxs, pass);
                foreach (var x in f.Inputs) work.Add(x.Creator);
                if (trusted && consumed is not null) Release(consumed, gxs);
                if (!retainGrad) f.ClearOutputGrads();
            }
        }
        finally
        {
            BackwardWork.Return(work);
        }
        // Multi-output functions hold their outputs weakly: without this, the JIT may let this variable (the root,
        // often unused after the call) be collected mid-pass, and its creator would then see a zero gradient.
        GC.KeepAlive(this);
    }

    /// <summary>Reference equality, hashed by <see cref="Function.Id"/>.</summary>
    private sealed class FunctionIdentity : IEqualityComparer<Function>
    {
        public static readonly FunctionIdentity Instance = new();
        public bool Equals(Function? a, Function? b) => ReferenceEquals(a, b);
        public int GetHashCode(Function f) => f.Id;
    }

    /// <summary>The queue and visited set of one backward pass, kept per thread so a small graph's pass allocates neither.</summary>
    private sealed class BackwardWork
    {
        [ThreadStatic] private static BackwardWork? cached;

        public readonly PriorityQueue<Function, int> Queue = new();
        private readonly HashSet<Function> seen = new(FunctionIdentity.Instance);

        public void Add(Function? f)
        {
            if (f is not null && seen.Add(f)) Queue.Enqueue(f, -f.Generation);
        }

        /// <summary>The thread's cached instance, or a new one when a pass is already using it (backward inside backward).</summary>
        public static BackwardWork Take()
        {
            var work = cached ?? new BackwardWork();
            cached = null;
            return work;
        }

        public static void Return(BackwardWork work)
        {
            work.Queue.Clear();
            work.seen.Clear();
            // A huge graph's tables are dropped rather than kept for the thread's lifetime.
            if (work.seen.Capacity > 1 << 16) return;
            cached = work;
        }
    }

    private static void Accumulate(Function f, Variable?[] gxs, int pass)
    {
        if (gxs.Length != f.Inputs.Length)
            throw new InvalidOperationException($"{f.Name}: backward returned {gxs.Length} gradients for {f.Inputs.Length} inputs");
        for (int i = 0; i < gxs.Length; i++)
        {
            var x = f.Inputs[i];
            var gx = gxs[i];
            if (gx is null) continue;
            if (!ShapeEqual(gx.data, x.data))
                throw new InvalidOperationException($"{f.Name}: gradient of shape {gx.data.ShapeString} for input {i} of shape {x.data.ShapeString}");
            if (x.Grad is null && (pass == 0 || x.Creator is null) && IsBroadcastView(gx)) gx = new Variable(gx.data.Copy());
            x.Grad = x.Grad is null ? gx : Sum(x.Grad, gx, pass);
        }
    }

    /// <summary>
    /// A read-only view made by a backward rule without a graph (Sum's broadcast gradient): fine to read within the
    /// pass, but a gradient the caller keeps (a leaf's, or any one retained) should be an ordinary writable tensor.
    /// </summary>
    private static bool IsBroadcastView(Variable gx) => gx.Creator is null && gx.tangent is null && gx.data.IsReadOnly;

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
