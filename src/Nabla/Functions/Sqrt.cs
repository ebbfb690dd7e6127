namespace Nabla.Functions;

/// <summary>Elementwise square root; d sqrt(x) = 1 / (2 sqrt(x)).</summary>
public sealed class Sqrt() : RuleElementwise(ElementwiseRules.Sqrt);
