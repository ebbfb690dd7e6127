using Nabla.Autodiff;

namespace Nabla.Symbolic;

public sealed partial class Expr
{
    /// <summary>
    /// The formula computed by a recorded graph of scalar operations (Add, Sub, Mul, Div, Neg, Pow, Exp, Log, Sin,
    /// Cos, Tan, Tanh, Sqrt, Abs, Sigmoid). Walking back from <paramref name="y"/> through creators:
    /// each of <paramref name="inputs"/> becomes a variable (its Name, else x, or x0, x1, ... for several);
    /// another leaf becomes a variable if it has a name and a number if not.
    /// </summary>
    /// <exception cref="NotSupportedException">The graph uses a function with no symbolic form (MatMul, Sum, ...).</exception>
    public static Expr FromGraph(Variable y, params Variable[] inputs) => GraphConverter.FromGraph(y, inputs);

    /// <summary>
    /// This expression as a program on Variables, built from F.* operations, taking the values of
    /// <paramref name="variables"/> in that order: run it to get forward mode (tangents) or reverse mode
    /// (Backward) on the same formula. Works elementwise on tensors of any shape.
    /// </summary>
    public Func<Variable[], Variable> ToFunction(IReadOnlyList<string> variables) => GraphConverter.ToFunction(this, variables);

    /// <summary>This expression as a program of one Variable (see <see cref="ToFunction(IReadOnlyList{string})"/>).</summary>
    public Func<Variable, Variable> ToFunction(string variable)
    {
        var f = GraphConverter.ToFunction(this, [variable]);
        return x => f([x]);
    }
}
