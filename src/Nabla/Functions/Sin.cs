namespace Nabla.Functions;

/// <summary>Elementwise sine.</summary>
public sealed class Sin() : RuleElementwise(ElementwiseRules.Sin);
