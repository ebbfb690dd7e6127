using System.Runtime.CompilerServices;

namespace Nabla.Symbolic;

/// <summary>
/// An immutable expression tree: numbers, named variables, + − × ÷, power, negation and the functions
/// exp, log, sqrt, sin, cos, tan, tanh, sigmoid, abs (and sign, the derivative of abs). Equality and hashing
/// are structural, so equal sub-expressions can be shared and collected. Build one with C# operators
/// (<c>Expr.Sin(x) * Expr.Exp(x)</c>) or <see cref="Parse"/>; then <see cref="Derive(string)"/>,
/// <see cref="Simplify"/>, print, <see cref="Evaluate(IReadOnlyDictionary{string, double})"/> or compile it.
/// </summary>
public sealed partial class Expr : IEquatable<Expr>
{
    private static readonly Expr[] NoArgs = [];
    private readonly Expr[] args;
    private readonly int hash;

    private Expr(ExprKind kind, double value, string name, Expr[] args)
    {
        Kind = kind;
        Value = value;
        Name = name;
        this.args = args;
        var h = new HashCode();
        h.Add(kind);
        h.Add(value);
        h.Add(name, StringComparer.Ordinal);
        foreach (var a in args) h.Add(a.hash);
        hash = h.ToHashCode();
    }

    /// <summary>What this node is.</summary>
    public ExprKind Kind { get; }

    /// <summary>The number, for <see cref="ExprKind.Number"/> (0 otherwise).</summary>
    public double Value { get; }

    /// <summary>The variable's name, for <see cref="ExprKind.Variable"/> (empty otherwise).</summary>
    public string Name { get; }

    /// <summary>The operands: none for numbers and variables, one for negation and functions, two otherwise.</summary>
    public IReadOnlyList<Expr> Args => args;

    internal Expr Arg0 => args[0];
    internal Expr Arg1 => args[1];

    /// <summary>True for a number node.</summary>
    public bool IsNumber => Kind == ExprKind.Number;

    /// <summary>True for exp, log, sqrt, sin, cos, tan, tanh, sigmoid, abs and sign.</summary>
    public bool IsFunction => Kind >= ExprKind.Sin;

    /// <summary>A number; it must be finite (infinities and NaN only arise when evaluating, as IEEE says).</summary>
    public static Expr Num(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"Expr.Num: {value} is not a finite number", nameof(value));
        return new Expr(ExprKind.Number, value + 0.0, "", NoArgs); // + 0.0 turns −0 into 0: one zero, one hash
    }

    /// <summary>A variable: a letter or underscore, then letters, digits or underscores; not a function name.</summary>
    public static Expr Var(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsIdentifier(name))
            throw new ArgumentException($"Expr.Var: '{name}' is not a valid variable name (a letter or '_', then letters, digits or '_')", nameof(name));
        if (TryFunction(name, out _))
            throw new ArgumentException($"Expr.Var: '{name}' is a function name and cannot name a variable", nameof(name));
        return new Expr(ExprKind.Variable, 0, name, NoArgs);
    }

    /// <summary>The node a + b, not simplified.</summary>
    public static Expr Add(Expr a, Expr b) => Binary(ExprKind.Add, a, b);
    /// <summary>The node a − b, not simplified.</summary>
    public static Expr Sub(Expr a, Expr b) => Binary(ExprKind.Subtract, a, b);
    /// <summary>The node a × b, not simplified.</summary>
    public static Expr Mul(Expr a, Expr b) => Binary(ExprKind.Multiply, a, b);
    /// <summary>The node a ÷ b, not simplified.</summary>
    public static Expr Div(Expr a, Expr b) => Binary(ExprKind.Divide, a, b);
    /// <summary>The node a to the power b, not simplified.</summary>
    public static Expr Pow(Expr a, Expr b) => Binary(ExprKind.Power, a, b);
    /// <summary>The node −a, not simplified.</summary>
    public static Expr Neg(Expr a) => Unary(ExprKind.Negate, a);
    /// <summary>The node exp(a), not simplified.</summary>
    public static Expr Exp(Expr a) => Unary(ExprKind.Exp, a);
    /// <summary>The node log(a), the natural logarithm, not simplified.</summary>
    public static Expr Log(Expr a) => Unary(ExprKind.Log, a);
    /// <summary>The node sqrt(a), not simplified.</summary>
    public static Expr Sqrt(Expr a) => Unary(ExprKind.Sqrt, a);
    /// <summary>The node sin(a), not simplified.</summary>
    public static Expr Sin(Expr a) => Unary(ExprKind.Sin, a);
    /// <summary>The node cos(a), not simplified.</summary>
    public static Expr Cos(Expr a) => Unary(ExprKind.Cos, a);
    /// <summary>The node tan(a), not simplified.</summary>
    public static Expr Tan(Expr a) => Unary(ExprKind.Tan, a);
    /// <summary>The node tanh(a), not simplified.</summary>
    public static Expr Tanh(Expr a) => Unary(ExprKind.Tanh, a);
    /// <summary>The node sigmoid(a) = 1 / (1 + exp(−a)), not simplified.</summary>
    public static Expr Sigmoid(Expr a) => Unary(ExprKind.Sigmoid, a);
    /// <summary>The node abs(a), not simplified.</summary>
    public static Expr Abs(Expr a) => Unary(ExprKind.Abs, a);
    /// <summary>The node sign(a), −1, 0 or 1 (the derivative of abs), not simplified.</summary>
    public static Expr Sign(Expr a) => Unary(ExprKind.Sign, a);

    /// <summary>This expression to the power <paramref name="exponent"/>.</summary>
    public Expr Pow(Expr exponent) => Pow(this, exponent);

    /// <summary>A function node of the given kind (sin, exp, ...) applied to <paramref name="a"/>.</summary>
    public static Expr Call(ExprKind function, Expr a)
    {
        if (function < ExprKind.Sin)
            throw new ArgumentException($"Expr.Call: {function} is not a function", nameof(function));
        return Unary(function, a);
    }

    private static Expr Unary(ExprKind kind, Expr a) =>
        new(kind, 0, "", [a ?? throw new ArgumentNullException(nameof(a), $"Expr.{kind}: operand is null")]);

    private static Expr Binary(ExprKind kind, Expr a, Expr b) =>
        new(kind, 0, "", [a ?? throw new ArgumentNullException(nameof(a), $"Expr.{kind}: left operand is null"),
                          b ?? throw new ArgumentNullException(nameof(b), $"Expr.{kind}: right operand is null")]);

    /// <summary>The same kind of node over new operands (used by passes that rebuild a tree).</summary>
    internal Expr With(Expr[] newArgs) => args.Length == 0 ? this : new Expr(Kind, Value, Name, newArgs);

    /// <summary>The names of the variables this expression uses, sorted.</summary>
    public IReadOnlyList<string> Variables()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in UniqueNodes())
            if (node.Kind == ExprKind.Variable) names.Add(node.Name);
        return [.. names];
    }

    /// <summary>True if the variable occurs in this expression.</summary>
    public bool Contains(string variable) =>
        UniqueNodes().Any(n => n.Kind == ExprKind.Variable && n.Name == variable);

    /// <summary>
    /// The number of nodes of this expression written out as a plain tree (a shared sub-expression counts
    /// each time it occurs): what printing it would cost.
    /// </summary>
    public long TreeSize()
    {
        var memo = new Dictionary<Expr, long>(ReferenceEqualityComparer.Instance);
        long Count(Expr e)
        {
            if (memo.TryGetValue(e, out var n)) return n;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            n = 1;
            foreach (var a in e.args) n += Count(a);
            return memo[e] = n;
        }
        return Count(this);
    }

    /// <summary>
    /// The number of distinct sub-expressions: the nodes of the expression as a DAG in which every common
    /// sub-expression is computed once (what <see cref="Compile(string)"/> evaluates).
    /// </summary>
    public int DagSize() => UniqueNodes().Count();

    /// <summary>Each structurally distinct sub-expression once, parents before children.</summary>
    internal IEnumerable<Expr> UniqueNodes()
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>();
        stack.Push(this);
        while (stack.TryPop(out var e))
        {
            if (!seen.Add(e)) continue;
            yield return e;
            foreach (var a in e.args) stack.Push(a);
        }
    }

    /// <summary>Structural equality: the same kind, number, name and operands, recursively.</summary>
    public bool Equals(Expr? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || hash != other.hash || Kind != other.Kind || args.Length != other.args.Length) return false;
        if (!Value.Equals(other.Value) || !string.Equals(Name, other.Name, StringComparison.Ordinal)) return false;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        for (int i = 0; i < args.Length; i++)
            if (!args[i].Equals(other.args[i])) return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Expr e && Equals(e);

    /// <inheritdoc/>
    public override int GetHashCode() => hash;

    /// <summary>Structural equality.</summary>
    public static bool operator ==(Expr? a, Expr? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(Expr? a, Expr? b) => !(a == b);

    /// <summary>True if <paramref name="name"/> can name a variable: an identifier that is not a function name.</summary>
    public static bool IsVariableName(string name) => name is not null && IsIdentifier(name) && !TryFunction(name, out _);

    internal static bool IsIdentifier(string s)
    {
        if (s.Length == 0 || !(char.IsAsciiLetter(s[0]) || s[0] == '_')) return false;
        foreach (char c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    private static readonly (string Name, ExprKind Kind)[] FunctionTable =
    [
        ("sin", ExprKind.Sin), ("cos", ExprKind.Cos), ("tan", ExprKind.Tan), ("tanh", ExprKind.Tanh),
        ("sigmoid", ExprKind.Sigmoid), ("exp", ExprKind.Exp), ("log", ExprKind.Log), ("sqrt", ExprKind.Sqrt),
        ("abs", ExprKind.Abs), ("sign", ExprKind.Sign), ("ln", ExprKind.Log),
    ];

    /// <summary>The function names the parser knows, for messages.</summary>
    internal static string FunctionNames => string.Join(", ", FunctionTable.Select(f => f.Name));

    internal static bool TryFunction(string name, out ExprKind kind)
    {
        foreach (var (n, k) in FunctionTable)
            if (n == name) { kind = k; return true; }
        kind = default;
        return false;
    }

    /// <summary>The name a function prints as (sin, exp, ...).</summary>
    internal static string FunctionName(ExprKind kind) => FunctionTable.First(f => f.Kind == kind).Name;
}
