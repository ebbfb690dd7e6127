namespace Nabla.Functions;

/// <summary>Elementwise tangent; d tan = 1 + tan².</summary>
public sealed class Tan() : RuleElementwise(ElementwiseRules.Tan);
