namespace Nabla.Distributed;

/// <summary>Finds the communicator of the job this process was started in.</summary>
public static class Communicators
{
    /// <summary>
    /// The rank and size that mpirun (Open MPI, or a PMI launcher) put in the environment, or null outside one.
    /// </summary>
    public static (int Rank, int Size)? FromEnvironment()
    {
        foreach (var (rank, size) in new[] { ("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"), ("PMI_RANK", "PMI_SIZE"), ("PMIX_RANK", "OMPI_UNIVERSE_SIZE") })
        {
            var r = Environment.GetEnvironmentVariable(rank);
            var s = Environment.GetEnvironmentVariable(size);
            if (int.TryParse(r, out int ri) && int.TryParse(s, out int si) && si >= 1 && ri >= 0 && ri < si)
                return (ri, si);
        }
        return null;
    }

    /// <summary>
    /// MPI when the process was started by mpirun, otherwise a job of one rank (so <c>--distributed</c> works
    /// outside mpirun).
    /// </summary>
    public static ICommunicator Create() => FromEnvironment() is null ? new SingleProcessCommunicator() : new MpiCommunicator();
}
