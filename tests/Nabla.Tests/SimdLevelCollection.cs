namespace Nabla.Tests;

/// <summary>
/// Tests that change process-wide kernel settings (<c>Simd.Level</c>, <c>Gemm.MaxThreads</c>) join this collection,
/// which runs alone so no other test observes the temporary setting. Each such test restores it in a finally block.
/// </summary>
[CollectionDefinition("SimdLevel", DisableParallelization = true)]
public class SimdLevelCollection
{
}
