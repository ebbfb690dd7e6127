using Nabla.Autodiff;

namespace Nabla.NN;

/// <summary>A parameter-free function used as a layer (ReLU, Tanh, Sigmoid, Flatten ...), for <see cref="Sequential"/>.</summary>
public sealed class Activation(Func<Variable, Variable> function, string name = "Activation") : Layer
{
    private readonly Func<Variable, Variable> function = function ?? throw new ArgumentNullException(nameof(function));

    /// <summary>The name shown by <see cref="ToString"/> (and so in model summaries).</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override Variable Forward(Variable x) => function(x);

    /// <summary>max(0, x) as a layer (<see cref="F.ReLU"/>).</summary>
    public static Activation ReLU() => new(F.ReLU, "ReLU");
    /// <summary>1 / (1 + exp(−x)) as a layer (<see cref="F.Sigmoid"/>).</summary>
    public static Activation Sigmoid() => new(F.Sigmoid, "Sigmoid");
    /// <summary>tanh(x) as a layer (<see cref="F.Tanh"/>).</summary>
    public static Activation Tanh() => new(F.Tanh, "Tanh");
    /// <summary>(N, ...) reshaped to (N, rest) as a layer (<see cref="F.Flatten"/>).</summary>
    public static Activation Flatten() => new(F.Flatten, "Flatten");

    /// <inheritdoc/>
    public override string ToString() => Name;
}
