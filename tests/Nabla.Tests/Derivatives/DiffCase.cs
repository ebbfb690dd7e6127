using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Derivatives;

/// <summary>A test function of one or more float64 inputs and the point at which to differentiate it.</summary>
internal sealed record DiffCase(string Name, Func<Variable[], Variable> F, Tensor[] Inputs)
{
    /// <summary>f as a function of input <paramref name="wrt"/> alone, the others held at their values.</summary>
    public Func<Variable, Variable> Of(int wrt) => v => F(Inputs.Select((t, i) => i == wrt ? v : new Variable(t)).ToArray());

    public override string ToString() => Name;
}
