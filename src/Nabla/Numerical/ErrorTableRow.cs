namespace Nabla.Numerical;

/// <summary>One finite-difference estimate in an <see cref="ErrorTable"/>: the scheme, the step, the estimate and its error.</summary>
public sealed record ErrorTableRow(FiniteDifference Scheme, double Step, double Estimate, double AbsError);
