namespace Nabla.Tests;

/// <summary>
/// Tests that change the process-wide <c>Derivatives.MaxBatchElements</c> join this collection, which runs alone: a
/// batched Jacobian taken meanwhile elsewhere would be split differently, and rounded differently, from the one it is
/// compared with.
/// </summary>
[CollectionDefinition("MaxBatchElements", DisableParallelization = true)]
public class MaxBatchElementsCollection
{
}
