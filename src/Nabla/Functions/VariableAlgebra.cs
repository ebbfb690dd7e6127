using Nabla.Autodiff;

namespace Nabla.Functions;

/// <summary>Slopes on Variables: the same operations the C# expression <c>1.0 - y * y</c> would record.</summary>
internal sealed class VariableAlgebra : ISlopeAlgebra<Variable>
{
    public static VariableAlgebra Instance { get; } = new();

    public Variable Add(double c, Variable b) => c + b;

    public Variable Subtract(double c, Variable b) => c - b;

    public Variable Multiply(double c, Variable b) => c * b;

    public Variable Divide(double c, Variable b) => c / b;

    public Variable Multiply(Variable a, Variable b) => a * b;

    public Variable Negate(Variable a) => -a;

    public Variable Square(Variable a) => a * a;

    public Variable Apply(ElementwiseRule f, Variable a) => f.Call(a);

    public Variable Sign(Variable a) => new(a.Data.Sign());
}
