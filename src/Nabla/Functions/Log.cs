namespace Nabla.Functions;

/// <summary>Natural logarithm.</summary>
public sealed class Log() : RuleElementwise(ElementwiseRules.Log);
