using static Nabla.Functions.SlopeFormula;

namespace Nabla.Functions;

/// <summary>
/// Every differentiable elementwise function of one input whose derivative is a formula, with that derivative: the
/// single place where d tanh = 1 − tanh², d sigmoid = σ(1 − σ) and the others are written. (ReLU, LeakyReLU and Clip
/// have masks for slopes and keep them in their own classes; Pow's depends on its exponent.)
/// </summary>
public static class ElementwiseRules
{
    /// <summary>eˣ; d eˣ = eˣ.</summary>
    public static ElementwiseRule Exp { get; } = new("exp", typeof(Exp), () => new Exp(), t => t.Exp(), Math.Exp, () => Y);

    /// <summary>ln x; d ln x = 1/x.</summary>
    public static ElementwiseRule Log { get; } = new("log", typeof(Log), () => new Log(), t => t.Log(), Math.Log, () => 1.0 / X);

    /// <summary>√x; d √x = 1/(2√x), written 0.5/y.</summary>
    public static ElementwiseRule Sqrt { get; } = new("sqrt", typeof(Sqrt), () => new Sqrt(), t => t.Sqrt(), Math.Sqrt, () => 0.5 / Y);

    /// <summary>sin x; d sin x = cos x.</summary>
    public static ElementwiseRule Sin { get; } = new("sin", typeof(Sin), () => new Sin(), t => t.Sin(), Math.Sin, () => Call(Cos!, X)); // Cos is set by the time the lazy slope runs

    /// <summary>cos x; d cos x = −sin x.</summary>
    public static ElementwiseRule Cos { get; } = new("cos", typeof(Cos), () => new Cos(), t => t.Cos(), Math.Cos, () => -Call(Sin, X));

    /// <summary>tan x; d tan x = 1 + tan² x.</summary>
    public static ElementwiseRule Tan { get; } = new("tan", typeof(Tan), () => new Tan(), t => t.Tan(), Math.Tan, () => 1.0 + Square(Y));

    /// <summary>tanh x; d tanh x = 1 − tanh² x.</summary>
    public static ElementwiseRule Tanh { get; } = new("tanh", typeof(Tanh), () => new Tanh(), t => t.Tanh(), Math.Tanh, () => 1.0 - Square(Y));

    /// <summary>σ(x) = 1/(1 + e⁻ˣ); d σ = σ(1 − σ).</summary>
    public static ElementwiseRule Sigmoid { get; } = new("sigmoid", typeof(Sigmoid), () => new Sigmoid(), t => t.Sigmoid(), SigmoidOf, () => Y * (1.0 - Y));

    /// <summary>|x|; d |x| = sign x (0 at 0, as NumPy's and PyTorch's subgradient).</summary>
    public static ElementwiseRule Abs { get; } = new("abs", typeof(Abs), () => new Abs(), t => t.Abs(), Math.Abs, () => Sign(X));

    /// <summary>σ on one double, as the tensor kernel computes it: tanh(x/2)/2 + 1/2, which never overflows.</summary>
    public static double SigmoidOf(double x) => 0.5 * Math.Tanh(0.5 * x) + 0.5;

    /// <summary>All of them.</summary>
    public static IReadOnlyList<ElementwiseRule> All { get; } = [Exp, Log, Sqrt, Sin, Cos, Tan, Tanh, Sigmoid, Abs];

    /// <summary>The rule named <paramref name="name"/> ("tanh"), or null.</summary>
    public static ElementwiseRule? ByName(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>The rule of <paramref name="function"/>'s class, or null when it has none.</summary>
    public static ElementwiseRule? Of(Autodiff.Function function) => All.FirstOrDefault(r => r.FunctionType == function?.GetType());
}
