using System.Reflection;
using System.Runtime.CompilerServices;
using LinqExpr = System.Linq.Expressions.Expression;
using Param = System.Linq.Expressions.ParameterExpression;

namespace Nabla.Symbolic;

/// <summary>
/// Compiles expressions to delegates through System.Linq.Expressions. Every sub-expression used more than
/// once (counted over all outputs together) is computed once into a local: the delegate evaluates the DAG,
/// not the tree, which is what keeps high-order derivatives and whole gradients cheap.
/// </summary>
internal sealed class ExprCompiler
{
    private readonly Dictionary<Expr, int> uses = new();
    private readonly Dictionary<Expr, LinqExpr> emitted = new();
    private readonly Dictionary<string, LinqExpr> variables = new(StringComparer.Ordinal);
    private readonly List<Param> locals = [];
    private readonly List<LinqExpr> body = [];

    /// <summary>One variable in, one value out.</summary>
    public static Func<double, double> Scalar(Expr e, string variable)
    {
        var x = LinqExpr.Parameter(typeof(double), variable);
        var c = new ExprCompiler();
        c.Bind([e], [variable], "Compile");
        c.variables[variable] = x;
        var result = c.Emit(e);
        return LinqExpr.Lambda<Func<double, double>>(c.Block(result), x).Compile();
    }

    /// <summary>Values of the variables in order in, one value per output out.</summary>
    public static Func<double[], double[]> Many(IReadOnlyList<Expr> outputs, IReadOnlyList<string> names, string operation)
    {
        var (args, c) = Start(outputs, names, operation);
        var array = LinqExpr.NewArrayInit(typeof(double), outputs.Select(c.Emit));
        return LinqExpr.Lambda<Func<double[], double[]>>(c.Block(array), args).Compile();
    }

    /// <summary>Values of the variables in order in, one value out.</summary>
    public static Func<double[], double> Single(Expr e, IReadOnlyList<string> names, string operation)
    {
        var (args, c) = Start([e], names, operation);
        var result = c.Emit(e);
        return LinqExpr.Lambda<Func<double[], double>>(c.Block(result), args).Compile();
    }

    private static (Param Args, ExprCompiler C) Start(IReadOnlyList<Expr> outputs, IReadOnlyList<string> names, string operation)
    {
        var args = LinqExpr.Parameter(typeof(double[]), "values");
        var c = new ExprCompiler();
        c.Bind(outputs, names, operation);
        c.CheckLength(args, names, operation);
        for (int i = 0; i < names.Count; i++)
        {
            var local = LinqExpr.Variable(typeof(double), names[i]);
            c.locals.Add(local);
            c.body.Add(LinqExpr.Assign(local, LinqExpr.ArrayIndex(args, LinqExpr.Constant(i))));
            c.variables[names[i]] = local;
        }
        return (args, c);
    }

    /// <summary>Checks the variable list and counts how many parents use each distinct sub-expression.</summary>
    private void Bind(IReadOnlyList<Expr> outputs, IReadOnlyList<string> names, string operation)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(names);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
            if (n is null || !known.Add(n))
                throw new ArgumentException($"{operation}: the variable list ({string.Join(", ", names)}) has a duplicate or null name");
        var seen = new HashSet<Expr>();
        foreach (var output in outputs)
        {
            ArgumentNullException.ThrowIfNull(output);
            foreach (var v in output.Variables())
                if (!known.Contains(v))
                    throw new ArgumentException($"{operation}: the expression uses variable '{v}', which is not among the parameters ({string.Join(", ", names)})");
            uses[output] = uses.GetValueOrDefault(output) + 1;
            var stack = new Stack<Expr>([output]);
            while (stack.TryPop(out var node))
            {
                if (!seen.Add(node)) continue;
                foreach (var a in node.Args)
                {
                    uses[a] = uses.GetValueOrDefault(a) + 1;
                    stack.Push(a);
                }
            }
        }
    }

    private void CheckLength(Param args, IReadOnlyList<string> names, string operation)
    {
        var message = $"{operation}: the compiled function takes {names.Count} values ({string.Join(", ", names)})";
        body.Add(LinqExpr.IfThen(LinqExpr.ReferenceEqual(args, LinqExpr.Constant(null, typeof(double[]))),
            LinqExpr.Throw(LinqExpr.New(typeof(ArgumentNullException).GetConstructor([typeof(string), typeof(string)])!,
                LinqExpr.Constant("values"), LinqExpr.Constant(message)))));
        body.Add(LinqExpr.IfThen(LinqExpr.NotEqual(LinqExpr.ArrayLength(args), LinqExpr.Constant(names.Count)),
            LinqExpr.Throw(LinqExpr.New(typeof(ArgumentException).GetConstructor([typeof(string)])!,
                LinqExpr.Constant(message)))));
    }

    private LinqExpr Block(LinqExpr result) => LinqExpr.Block(result.Type, locals, [.. body, result]);

    private LinqExpr Emit(Expr e)
    {
        if (emitted.TryGetValue(e, out var done)) return done;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        LinqExpr x = e.Kind switch
        {
            ExprKind.Number => LinqExpr.Constant(e.Value),
            ExprKind.Variable => variables[e.Name],
            ExprKind.Add => LinqExpr.Add(Emit(e.Arg0), Emit(e.Arg1)),
            ExprKind.Subtract => LinqExpr.Subtract(Emit(e.Arg0), Emit(e.Arg1)),
            ExprKind.Multiply => LinqExpr.Multiply(Emit(e.Arg0), Emit(e.Arg1)),
            ExprKind.Divide => LinqExpr.Divide(Emit(e.Arg0), Emit(e.Arg1)),
            ExprKind.Power => LinqExpr.Call(MathPow, Emit(e.Arg0), Emit(e.Arg1)),
            ExprKind.Negate => LinqExpr.Negate(Emit(e.Arg0)),
            _ => Call(e.Kind, Emit(e.Arg0)),
        };
        if (e.Args.Count > 0 && uses.GetValueOrDefault(e) > 1)
        {
            var local = LinqExpr.Variable(typeof(double));
            locals.Add(local);
            body.Add(LinqExpr.Assign(local, x));
            x = local;
        }
        emitted[e] = x;
        return x;
    }

    private static readonly MethodInfo MathPow = typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!;

    private static readonly MethodInfo SignMethod = typeof(ScalarMath).GetMethod(nameof(ScalarMath.Sign))!;

    /// <summary>A call of the function's scalar kernel, read from its rule (a static method is called directly).</summary>
    private static LinqExpr Call(ExprKind f, LinqExpr x)
    {
        if (f == ExprKind.Sign) return LinqExpr.Call(SignMethod, x);
        var kernel = ScalarMath.Rule(f).ScalarKernel;
        return kernel.Method.IsStatic ? LinqExpr.Call(kernel.Method, x) : LinqExpr.Invoke(LinqExpr.Constant(kernel), x);
    }
}
