namespace Nabla.Functions;

/// <summary>Elementwise |x|; its gradient is sign(x) (0 at 0, as in PyTorch).</summary>
public sealed class Abs() : RuleElementwise(ElementwiseRules.Abs);
