namespace Nabla.Functions;

/// <summary>Elementwise e^x; its derivative is its own output.</summary>
public sealed class Exp() : RuleElementwise(ElementwiseRules.Exp);
