using System.Runtime.InteropServices;

namespace Nabla.Distributed;

/// <summary>
/// The few entry points of Open MPI's C API that <see cref="MpiCommunicator"/> calls, bound at run time from
/// <c>libmpi.so.40</c>. Open MPI's handles (<c>MPI_COMM_WORLD</c>, <c>MPI_FLOAT</c>, <c>MPI_SUM</c>) are the addresses
/// of exported globals, so they are found with <see cref="NativeLibrary.GetExport"/> like the functions.
/// </summary>
internal sealed unsafe class MpiLibrary
{
    public const int ThreadMultiple = 3;
    public static readonly nint InPlace = 1; // Open MPI's MPI_IN_PLACE is ((void *) 1)

    public readonly delegate* unmanaged<int*, int> Initialized;
    public readonly delegate* unmanaged<int*, int> Finalized;
    public readonly delegate* unmanaged<nint, nint, int, int*, int> InitThread;
    public readonly delegate* unmanaged<int> Finalize;
    public readonly delegate* unmanaged<nint, int*, int> CommRank;
    public readonly delegate* unmanaged<nint, int*, int> CommSize;
    public readonly delegate* unmanaged<nint, nint, int, nint, nint, nint, int> Allreduce;
    public readonly delegate* unmanaged<nint, int, nint, int, nint, int> Bcast;
    public readonly delegate* unmanaged<nint, int, nint, nint, int, nint, nint, int> Allgather;
    public readonly delegate* unmanaged<nint, int> Barrier;
    public readonly delegate* unmanaged<nint, int, int> Abort;
    public readonly delegate* unmanaged<byte*, int*, int> GetLibraryVersion;
    public readonly nint CommWorld, Float, Double, Int64, Sum;

    private MpiLibrary(nint lib)
    {
        Initialized = (delegate* unmanaged<int*, int>)Export(lib, "MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)Export(lib, "MPI_Finalized");
        InitThread = (delegate* unmanaged<nint, nint, int, int*, int>)Export(lib, "MPI_Init_thread");
        Finalize = (delegate* unmanaged<int>)Export(lib, "MPI_Finalize");
        CommRank = (delegate* unmanaged<nint, int*, int>)Export(lib, "MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)Export(lib, "MPI_Comm_size");
        Allreduce = (delegate* unmanaged<nint, nint, int, nint, nint, nint, int>)Export(lib, "MPI_Allreduce");
        Bcast = (delegate* unmanaged<nint, int, nint, int, nint, int>)Export(lib, "MPI_Bcast");
        Allgather = (delegate* unmanaged<nint, int, nint, nint, int, nint, nint, int>)Export(lib, "MPI_Allgather");
        Barrier = (delegate* unmanaged<nint, int>)Export(lib, "MPI_Barrier");
        Abort = (delegate* unmanaged<nint, int, int>)Export(lib, "MPI_Abort");
        GetLibraryVersion = (delegate* unmanaged<byte*, int*, int>)Export(lib, "MPI_Get_library_version");
        CommWorld = Export(lib, "ompi_mpi_comm_world");
        Float = Export(lib, "ompi_mpi_float");
        Double = Export(lib, "ompi_mpi_double");
        Int64 = Export(lib, "ompi_mpi_int64_t");
        Sum = Export(lib, "ompi_mpi_op_sum");
    }

    private static MpiLibrary? instance;

    /// <summary>The loaded library; throws a clear error when Open MPI is not installed.</summary>
    public static MpiLibrary Load()
    {
        if (instance is not null) return instance;
        // RTLD_GLOBAL: Open MPI's plug-ins (mca_*.so) resolve libmpi's symbols from the global scope.
        nint lib = 0;
        foreach (var name in new[] { "libmpi.so.40", "libmpi.so" })
        {
            lib = dlopen(name, RtldNow | RtldGlobal);
            if (lib != 0) break;
        }
        if (lib == 0)
            throw new DllNotFoundException("MPI: cannot load libmpi.so.40 (Open MPI); install it with 'apt-get install openmpi-bin libopenmpi-dev'");
        return instance = new MpiLibrary(lib);
    }

    /// <summary>Throws naming the call when an MPI function returns an error code.</summary>
    public static void Check(int code, string call)
    {
        if (code != 0) throw new InvalidOperationException($"MPI: {call} failed with error code {code}");
    }

    private static nint Export(nint lib, string name) => NativeLibrary.GetExport(lib, name);

    private const int RtldNow = 2, RtldGlobal = 0x100;

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern nint dlopen([MarshalAs(UnmanagedType.LPStr)] string file, int mode);
}
