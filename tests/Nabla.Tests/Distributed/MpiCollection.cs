namespace Nabla.Tests.Distributed;

/// <summary>The tests that start mpirun jobs: alone, so the ranks do not compete with the rest of the suite for cores.</summary>
[CollectionDefinition("Mpi", DisableParallelization = true)]
public class MpiCollection
{
}
