using Nabla.Autodiff;

namespace Nabla.NN;

/// <summary>A parameter-free function used as a layer (ReLU, Tanh, Sigmoid, Flatten ...), for <see cref="Sequential"/>.</summary>
public sealed class Activation(Func<Variable, Variable> function, string name = "Activation") : Layer
{
    private readonly Func<Variable, Variable> function = function ?? throw new ArgumentNullException(nameof(function));

    public string Name { get; } = name;

    public override Variable Forward(Variable x) => function(x);

    public static Activation ReLU() => new(F.ReLU, "ReLU");
    public static Activation Sigmoid() => new(F.Sigmoid, "Sigmoid");
    public static Activation Tanh() => new(F.Tanh, "Tanh");
    public static Activation Flatten() => new(F.Flatten, "Flatten");

    public override string ToString() => Name;
}
