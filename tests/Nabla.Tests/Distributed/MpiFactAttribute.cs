namespace Nabla.Tests.Distributed;

/// <summary>A fact that runs only where Open MPI's <c>mpirun</c> is on the PATH (CI installs it); elsewhere skipped, with the reason.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (MpiJob.Mpirun() is null) Skip = "mpirun is not on the PATH (install Open MPI: apt-get install openmpi-bin libopenmpi-dev)";
    }
}
