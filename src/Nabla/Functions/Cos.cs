namespace Nabla.Functions;

/// <summary>Elementwise cosine.</summary>
public sealed class Cos() : RuleElementwise(ElementwiseRules.Cos);
