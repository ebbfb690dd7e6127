using System.Text;

namespace Nabla.Distributed;

/// <summary>
/// <c>MPI_COMM_WORLD</c> of Open MPI, through a small binding of its C API (<see cref="MpiLibrary"/>). Initialises MPI
/// with <c>MPI_THREAD_MULTIPLE</c> when asked for, so a watchdog thread may call <see cref="Abort"/> while the training
/// thread waits in a collective; <see cref="Dispose"/> finalises it.
/// </summary>
public sealed unsafe class MpiCommunicator : ICommunicator
{
    private readonly MpiLibrary mpi;
    private bool disposed;

    /// <summary>Initialises MPI (once per process) and reads this process's rank and the job's size.</summary>
    public MpiCommunicator()
    {
        mpi = MpiLibrary.Load();
        int initialized;
        MpiLibrary.Check(mpi.Initialized(&initialized), "MPI_Initialized");
        if (initialized == 0)
        {
            int provided;
            MpiLibrary.Check(mpi.InitThread(0, 0, MpiLibrary.ThreadMultiple, &provided), "MPI_Init_thread");
        }
        int rank, size;
        MpiLibrary.Check(mpi.CommRank(mpi.CommWorld, &rank), "MPI_Comm_rank");
        MpiLibrary.Check(mpi.CommSize(mpi.CommWorld, &size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
        Description = LibraryVersion();
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public void AllReduceSum(Span<float> values)
    {
        fixed (float* p = values)
            MpiLibrary.Check(mpi.Allreduce(MpiLibrary.InPlace, (nint)p, values.Length, mpi.Float, mpi.Sum, mpi.CommWorld), "MPI_Allreduce");
    }

    /// <inheritdoc/>
    public void AllReduceSum(Span<double> values)
    {
        fixed (double* p = values)
            MpiLibrary.Check(mpi.Allreduce(MpiLibrary.InPlace, (nint)p, values.Length, mpi.Double, mpi.Sum, mpi.CommWorld), "MPI_Allreduce");
    }

    /// <inheritdoc/>
    public void Broadcast(Span<float> values, int root)
    {
        CheckRoot(root);
        fixed (float* p = values)
            MpiLibrary.Check(mpi.Bcast((nint)p, values.Length, mpi.Float, root, mpi.CommWorld), "MPI_Bcast");
    }

    /// <inheritdoc/>
    public void Broadcast(Span<double> values, int root)
    {
        CheckRoot(root);
        fixed (double* p = values)
            MpiLibrary.Check(mpi.Bcast((nint)p, values.Length, mpi.Double, root, mpi.CommWorld), "MPI_Bcast");
    }

    /// <inheritdoc/>
    public long[] AllGather(long value)
    {
        var all = new long[Size];
        fixed (long* p = all)
            MpiLibrary.Check(mpi.Allgather((nint)(&value), 1, mpi.Int64, (nint)p, 1, mpi.Int64, mpi.CommWorld), "MPI_Allgather");
        return all;
    }

    /// <inheritdoc/>
    public void Barrier() => MpiLibrary.Check(mpi.Barrier(mpi.CommWorld), "MPI_Barrier");

    /// <inheritdoc/>
    public void Abort(int code)
    {
        mpi.Abort(mpi.CommWorld, code);
        Environment.Exit(code); // MPI_Abort does not return; this is for an implementation where it does
    }

    /// <summary>Finalises MPI; every rank must call it.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        int finalized;
        if (mpi.Finalized(&finalized) == 0 && finalized == 0) mpi.Finalize();
    }

    private void CheckRoot(int root)
    {
        if (root < 0 || root >= Size)
            throw new ArgumentOutOfRangeException(nameof(root), root, $"Broadcast: the root must be a rank from 0 to {Size - 1}");
    }

    private string LibraryVersion()
    {
        var buffer = new byte[8192]; // MPI_MAX_LIBRARY_VERSION_STRING is 256 in Open MPI; generous
        int length;
        fixed (byte* p = buffer)
            if (mpi.GetLibraryVersion(p, &length) != 0) return "MPI";
        var text = Encoding.ASCII.GetString(buffer, 0, Math.Clamp(length, 0, buffer.Length));
        return text.Split(',')[0].Trim();
    }
}
