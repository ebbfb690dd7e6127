using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// General matrix multiply, C = A·B or C += A·B, with optionally transposed operands and arbitrary row strides.
/// </summary>
/// <remarks>
/// float and double use a BLIS-style algorithm: the k dimension is cut into blocks of <c>kc</c>, n into blocks of
/// <c>nc</c> and m into blocks of <c>mc</c>; each block of B is packed into contiguous panels of NR columns and each
/// block of A into panels of MR rows (transposition is absorbed here), so the register-blocked micro-kernel reads
/// both operands sequentially from L1/L2. One micro-kernel exists per <see cref="SimdLevel"/>; edge tiles are
/// computed into a scratch tile and copied out. Other element types use a plain i-p-j loop.
/// </remarks>
internal static unsafe class Gemm
{
    /// <summary>Upper bound on worker threads for large products (tests lower it to exercise both paths).</summary>
    internal static int MaxThreads { get => Parallelism.MaxThreads; set => Parallelism.MaxThreads = value; }

    /// <summary>Products with at most this many multiply-adds run on the calling thread only.</summary>
    /// <remarks>
    /// Measured on 2 cores (2026-12-07, Zen 3 VM): AD1's products of 100 x 89 x 100 (890,000 multiply-adds) made its
    /// Hessian-vector product 5-20 % slower split over two threads than on one (1.16-1.37 ms against 1.08-1.09), the
    /// wake-up and join costing what the second core saved; 64³ was the bound before.
    /// </remarks>
    internal const long ParallelThreshold = 100L * 100 * 100;

    // Cache budgets in bytes. kc = KcBytes/sizeof(T) (512 floats, 256 doubles); the packed A block (mc·kc) takes
    // about half of a 1 MiB L2 and the packed B block (kc·nc) a slice of L3. A long kc halves the loads and stores
    // of C per flop; measured on Zen 5 (AVX-512) it beat kc = 256 floats by 5-15% even though one kc×NR panel of B
    // then outgrows L1 (the micro-kernel's sequential B reads are served well from L2).
    private const int KcBytes = 2048;
    private const int McBytes = 512 * 1024;
    private const int NcBytes = 4 * 1024 * 1024;

    // Hot methods carry AggressiveOptimization: tiered compilation would otherwise run them as unoptimized Tier-0
    // code for the first ~100 ms of a process (long enough for thousands of small products).

    // Packed buffers are aligned to a cache line so 512-bit loads of B never straddle two lines.
    private const int Align = 64;

    /// <summary>
    /// C (m×n, row stride ldc) = A·B, or C += A·B when <paramref name="accumulate"/>.
    /// A is m×k: element (i,p) at <c>a[i*lda + p]</c>, or at <c>a[p*lda + i]</c> when <paramref name="transA"/>.
    /// B is k×n: element (p,j) at <c>b[p*ldb + j]</c>, or at <c>b[j*ldb + p]</c> when <paramref name="transB"/>.
    /// With <paramref name="parallel"/> false the product stays on the calling thread (callers that already split
    /// their work over threads, such as the per-image convolution loops).
    /// </summary>
    internal static void Multiply<T>(int m, int n, int k,
        ReadOnlySpan<T> a, int lda, bool transA,
        ReadOnlySpan<T> b, int ldb, bool transB,
        Span<T> c, int ldc, bool accumulate, bool parallel = true) where T : unmanaged, INumber<T>
    {
        Check(m, n, k, a.Length, lda, transA, b.Length, ldb, transB, c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) ClearC(m, n, c, ldc);
            return;
        }
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            Naive(m, n, k, a, lda, transA, b, ldb, transB, c, ldc, accumulate);
            return;
        }
        // Read the level once so a concurrent change cannot mix kernels within one product.
        var level = Simd.Level;
        fixed (T* pa = &MemoryMarshal.GetReference(a))
        fixed (T* pb = &MemoryMarshal.GetReference(b))
        fixed (T* pc = &MemoryMarshal.GetReference(c))
        {
            var args = new Args<T>(m, n, k, pa, lda, transA, pb, ldb, transB, pc, ldc, accumulate);
            if (m <= SmallRowsMax && (long)n * k <= SmallRowsWork)
            {
                SmallRows(args, level);
                return;
            }
            switch (level)
            {
                case SimdLevel.Vector512: Run<T, Kernel512<T>>(args, parallel); break;
                case SimdLevel.Vector256: Run<T, Kernel256<T>>(args, parallel); break;
                case SimdLevel.Portable: Run<T, KernelVector<T>>(args, parallel); break;
                default: Run<T, KernelScalar<T>>(args, parallel); break;
            }
        }
    }

    // ---------------------------------------------------------------- argument checks and trivial cases

    private static void Check(int m, int n, int k, int aLen, int lda, bool transA,
        int bLen, int ldb, bool transB, int cLen, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentException($"Gemm: dimensions must be non-negative, got m={m}, n={n}, k={k}");
        CheckOperand("A", transA ? k : m, transA ? m : k, aLen, lda, "lda", transA ? "transA=true, k×m" : "m×k");
        CheckOperand("B", transB ? n : k, transB ? k : n, bLen, ldb, "ldb", transB ? "transB=true, n×k" : "k×n");
        CheckOperand("C", m, n, cLen, ldc, "ldc", "m×n");
    }

    /// <summary>A stored rows×cols matrix with row stride ld needs ld ≥ cols and (rows-1)·ld + cols elements.</summary>
    private static void CheckOperand(string name, int rows, int cols, int length, int ld, string ldName, string layout)
    {
        if (rows == 0 || cols == 0) return;
        if (ld < cols)
            throw new ArgumentException(
                $"Gemm: {ldName}={ld} is smaller than the {cols} columns of {name} (stored {layout} = {rows}×{cols})");
        long need = (long)(rows - 1) * ld + cols;
        if (length < need)
            throw new ArgumentException(
                $"Gemm: {name} (stored {layout} = {rows}×{cols}, {ldName}={ld}) needs {need} elements but has {length}");
    }

    private static void ClearC<T>(int m, int n, Span<T> c, int ldc) where T : unmanaged
    {
        for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
    }

    /// <summary>Reference loop for element types without a vector kernel; i-p-j keeps the inner loop unit-stride on C.</summary>
    private static void Naive<T>(int m, int n, int k, ReadOnlySpan<T> a, int lda, bool transA,
        ReadOnlySpan<T> b, int ldb, bool transB, Span<T> c, int ldc, bool accumulate) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (!accumulate) row.Clear();
            for (int p = 0; p < k; p++)
            {
                T aip = transA ? a[p * lda + i] : a[i * lda + p];
                if (transB)
                    for (int j = 0; j < n; j++) row[j] += aip * b[j * ldb + p];
                else
                {
                    var brow = b.Slice(p * ldb, n);
                    for (int j = 0; j < n; j++) row[j] += aip * brow[j];
                }
            }
        }
    }

    // ---------------------------------------------------------------- products of one or two rows

    /// <summary>At most this many rows of A take <see cref="SmallRows"/>.</summary>
    internal const int SmallRowsMax = 2;

    /// <summary>... and at most this many elements of B (beyond, the threaded packed path wins).</summary>
    private const long SmallRowsWork = 1 << 20;

    /// <summary>
    /// One or two rows of A against B, such as x·W in an RNN step with batch 1 and gy·Wᵀ in its backward: the packed
    /// path would pack A into panels of MR rows and compute all of them, MR - 1 of them padding. Each row of C is
    /// computed directly with vectors along it (a transposed B is first copied by rows, one k-block at a time), with
    /// exactly the micro-kernels' arithmetic: per k-block (the same blocks) a fresh accumulator built by multiply-adds
    /// in order of p, fused where the kernel of <paramref name="level"/> fuses, then stored or added to C. So every
    /// element is bitwise what the packed path gives.
    /// </summary>
    private static void SmallRows<T>(Args<T> x, SimdLevel level) where T : unmanaged, INumber<T>
    {
        switch (level)
        {
            case SimdLevel.Vector512: RowByRow<T, Kernel512<T>>(x, fused: true); break;
            case SimdLevel.Vector256: RowByRow<T, Kernel256<T>>(x, System.Runtime.Intrinsics.X86.Fma.IsSupported || AdvSimd.IsSupported); break;
            case SimdLevel.Portable: RowByRow<T, KernelVector<T>>(x, System.Runtime.Intrinsics.X86.Fma.IsSupported || AdvSimd.IsSupported); break;
            default: RowByRow<T, KernelScalar<T>>(x, fused: false); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowByRow<T, TK>(Args<T> x, bool fused) where T : unmanaged, INumber<T> where TK : struct, IKernel<T>
    {
        int kc = Balance(x.K, KcBytes / sizeof(T), 1);
        T[]? rows = x.TransB ? ArrayPool<T>.Shared.Rent(kc * x.N) : null;
        try
        {
            fixed (T* byRows = rows)
                for (int pc = 0; pc < x.K; pc += kc)
                {
                    int kcur = Math.Min(kc, x.K - pc);
                    bool add = x.Accumulate || pc > 0;
                    if (x.TransB) CopyByRows(x, pc, kcur, byRows);
                    T* b = x.TransB ? byRows : x.BAt(pc, 0);
                    nint ldb = x.TransB ? x.N : x.Ldb, aStep = x.TransA ? x.Lda : 1;
                    for (int i = 0; i < x.M; i++)
                    {
                        T* a = x.AAt(i, pc), c = x.C + i * x.Ldc;
                        for (int j = TK.Row(kcur, a, aStep, b, ldb, c, x.N, add); j < x.N; j++)
                        {
                            T acc = T.Zero;
                            for (int p = 0; p < kcur; p++)
                                acc = fused ? ScalarFma(a[p * aStep], b[p * ldb + j], acc) : acc + a[p * aStep] * b[p * ldb + j];
                            c[j] = add ? c[j] + acc : acc;
                        }
                    }
                }
        }
        finally
        {
            if (rows is not null) ArrayPool<T>.Shared.Return(rows);
        }
    }

    /// <summary>Rows pc..pc+kc of a transposed B, copied by rows: dst[p·n + j] = B(pc+p, j) (float: 4x4 register transposes).</summary>
    private static void CopyByRows<T>(Args<T> x, int pc, int kc, T* dst) where T : unmanaged
    {
        int j = 0;
        if (typeof(T) == typeof(float) && Sse.IsSupported)
            for (; j + 4 <= x.N; j += 4)
                PackFourRows((float*)x.BAt(pc, j), x.Ldb, kc, (float*)(dst + j), x.N);
        for (; j < x.N; j++)
        {
            T* src = x.BAt(pc, j);
            for (int p = 0; p < kc; p++) dst[(nint)p * x.N + j] = src[p];
        }
    }

    /// <summary>One lane of the vector kernels' fused multiply-add.</summary>
    private static T ScalarFma<T>(T x, T y, T z) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return (T)(object)MathF.FusedMultiplyAdd((float)(object)x, (float)(object)y, (float)(object)z);
        if (typeof(T) == typeof(double)) return (T)(object)Math.FusedMultiplyAdd((double)(object)x, (double)(object)y, (double)(object)z);
        return x * y + z;
    }

    // ---------------------------------------------------------------- driver

    /// <summary>Pointers and shape of one product; a sub-product (a slice of rows or columns) is another Args.</summary>
    private readonly struct Args<T>(int m, int n, int k, T* a, nint lda, bool transA,
        T* b, nint ldb, bool transB, T* c, nint ldc, bool accumulate) where T : unmanaged
    {
        public readonly int M = m, N = n, K = k;
        public readonly T* A = a, B = b, C = c;
        public readonly nint Lda = lda, Ldb = ldb, Ldc = ldc;
        public readonly bool TransA = transA, TransB = transB, Accumulate = accumulate;

        /// <summary>Address of A(i,p).</summary>
        public T* AAt(int i, int p) => TransA ? A + p * Lda + i : A + i * Lda + p;

        /// <summary>Address of B(p,j).</summary>
        public T* BAt(int p, int j) => TransB ? B + j * Ldb + p : B + p * Ldb + j;

        /// <summary>Rows [r0, r0+rows) of C: A and C shift, B stays.</summary>
        public Args<T> Rows(int r0, int rows) =>
            new(rows, N, K, AAt(r0, 0), Lda, TransA, B, Ldb, TransB, C + r0 * Ldc, Ldc, Accumulate);

        /// <summary>Columns [c0, c0+cols) of C: B and C shift, A stays.</summary>
        public Args<T> Cols(int c0, int cols) =>
            new(M, cols, K, A, Lda, TransA, BAt(0, c0), Ldb, TransB, C + c0, Ldc, Accumulate);
    }

    /// <summary>
    /// Splits a large product into independent slices of C, one per worker, along the longer of m and n.
    /// Each worker packs its own A and B, so workers share nothing but the read-only inputs; the repacked
    /// operand costs O(k·(other dim)) per worker against O(k·m·n / workers) arithmetic.
    /// </summary>
    private static void Run<T, TK>(Args<T> x, bool parallel) where T : unmanaged, INumber<T> where TK : struct, IKernel<T>
    {
        bool byRows = x.M >= x.N;
        int dim = byRows ? x.M : x.N, unit = byRows ? TK.MR : TK.NR;
        int workers = parallel ? Workers(x.M, x.N, x.K, dim, unit) : 1;
        if (workers <= 1)
        {
            Blocked<T, TK>(x);
            return;
        }
        int chunk = RoundUp((dim + workers - 1) / workers, unit);
        workers = (dim + chunk - 1) / chunk;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int start = w * chunk, len = Math.Min(chunk, dim - start);
            Blocked<T, TK>(byRows ? x.Rows(start, len) : x.Cols(start, len));
        });
    }

    /// <summary>How many workers: one below the threshold, else as many as keep each slice at least 4 tiles wide.</summary>
    private static int Workers(int m, int n, int k, int dim, int unit)
    {
        if ((long)m * n * k <= ParallelThreshold) return 1;
        int bySize = dim / (4 * unit);
        return Math.Max(1, Math.Min(MaxThreads, bySize));
    }

    /// <summary>The sequential blocked algorithm (loops jc → pc → ic around the macro-kernel).</summary>
    // SkipLocalsInit: the edge-tile scratch is always written in full by the micro-kernel before it is read, so
    // zeroing it on every call (a cost of its own for the many small products of an RNN) buys nothing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    private static void Blocked<T, TK>(Args<T> x) where T : unmanaged, INumber<T> where TK : struct, IKernel<T>
    {
        int mr = TK.MR, nr = TK.NR;
        int kc = Balance(x.K, KcBytes / sizeof(T), 1);
        int mc = Balance(x.M, Math.Max(mr, McBytes / (kc * sizeof(T)) / mr * mr), mr);
        int nc = Balance(x.N, Math.Max(nr, NcBytes / (kc * sizeof(T)) / nr * nr), nr);
        int lenA = RoundUp(mc, mr) * kc, lenB = RoundUp(nc, nr) * kc;
        int pad = Align / sizeof(T);
        T[] bufA = ArrayPool<T>.Shared.Rent(lenA + pad), bufB = ArrayPool<T>.Shared.Rent(lenB + pad);
        T* tile = stackalloc T[mr * nr];
        try
        {
            fixed (T* pa = bufA)
            fixed (T* pb = bufB)
            {
                T* ap = AlignUp(pa), bp = AlignUp(pb);
                for (int jc = 0; jc < x.N; jc += nc)
                {
                    int ncur = Math.Min(nc, x.N - jc);
                    for (int pc = 0; pc < x.K; pc += kc)
                    {
                        int kcur = Math.Min(kc, x.K - pc);
                        // The first k-block overwrites C unless the caller asked to accumulate.
                        bool add = x.Accumulate || pc > 0;
                        PackB(x, pc, kcur, jc, ncur, nr, bp);
                        for (int ic = 0; ic < x.M; ic += mc)
                        {
                            int mcur = Math.Min(mc, x.M - ic);
                            PackA(x, ic, mcur, pc, kcur, mr, ap);
                            Macro<T, TK>(mcur, ncur, kcur, ap, bp, x.C + ic * x.Ldc + jc, x.Ldc, add, tile);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(bufA);
            ArrayPool<T>.Shared.Return(bufB);
        }
    }

    /// <summary>
    /// Runs the micro-kernel over one mc×nc block. jr is the outer loop so one kc×NR panel of B stays in L1
    /// while the MR-row panels of A stream from L2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro<T, TK>(int mc, int nc, int kc, T* ap, T* bp, T* c, nint ldc, bool add, T* tile)
        where T : unmanaged, INumber<T> where TK : struct, IKernel<T>
    {
        int mr = TK.MR, nr = TK.NR;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int ncur = Math.Min(nr, nc - jr);
            T* bpanel = bp + (nint)jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int mcur = Math.Min(mr, mc - ir);
                T* apanel = ap + (nint)ir * kc, ctile = c + ir * ldc + jr;
                if (mcur == mr && ncur == nr)
                    TK.Run(kc, apanel, bpanel, ctile, ldc, add);
                else
                {
                    // Edge tile: compute the full MR×NR tile from the zero-padded panels into scratch and copy
                    // only the valid mcur×ncur corner (no masked loads/stores needed in the micro-kernel).
                    TK.Run(kc, apanel, bpanel, tile, nr, false);
                    MergeTile(mcur, ncur, tile, nr, ctile, ldc, add);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeTile<T>(int rows, int cols, T* tile, int ldt, T* c, nint ldc, bool add)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < rows; i++)
        {
            T* src = tile + i * ldt, dst = c + i * ldc;
            if (add) for (int j = 0; j < cols; j++) dst[j] += src[j];
            else for (int j = 0; j < cols; j++) dst[j] = src[j];
        }
    }

    // ---------------------------------------------------------------- packing

    /// <summary>
    /// Packs B(pc..pc+kc, jc..jc+nc) into panels of nr columns: panel q holds B(pc+p, jc+q·nr+jj) at
    /// [q·kc·nr + p·nr + jj]. A partial last panel is zero-padded: the micro-kernel always computes full tiles, and
    /// zeros keep the discarded lanes free of stale pool data (denormals would slow the FMAs, NaNs are just noise).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<T>(Args<T> x, int pc, int kc, int jc, int nc, int nr, T* dst) where T : unmanaged
    {
        for (int j0 = 0; j0 < nc; j0 += nr, dst += (nint)kc * nr)
        {
            int cols = Math.Min(nr, nc - j0);
            if (x.TransB)
            {
                // Column j of B is contiguous in memory: read it sequentially, write with stride nr (float: four
                // columns at a time through 4x4 register transposes, as in PackA; the scalar stores made packing W
                // cost more than the product in an LSTM step's input gradient, gy·Wᵀ with one row).
                int jj = 0;
                if (typeof(T) == typeof(float) && Sse.IsSupported)
                    for (; jj + 4 <= cols; jj += 4)
                        PackFourRows((float*)x.BAt(pc, jc + j0 + jj), x.Ldb, kc, (float*)(dst + jj), nr);
                for (; jj < cols; jj++)
                {
                    T* src = x.BAt(pc, jc + j0 + jj);
                    for (int p = 0; p < kc; p++) dst[p * nr + jj] = src[p];
                }
                if (cols < nr) ZeroColumns(dst, kc, cols, nr);
            }
            else
            {
                // Row p of B is contiguous: copy a run of cols elements per row.
                nint bytes = (nint)cols * sizeof(T);
                for (int p = 0; p < kc; p++)
                {
                    T* d = dst + p * nr;
                    Unsafe.CopyBlockUnaligned(d, x.BAt(pc + p, jc + j0), (uint)bytes);
                    if (cols < nr) new Span<T>(d + cols, nr - cols).Clear();
                }
            }
        }
    }

    /// <summary>
    /// dst[p·mr + r] = src[r·lda + p] for rows r &lt; 4 and p &lt; kc: a transposed copy, 4×4 blocks in registers. Packs
    /// four rows of A, or four columns of a transposed B (then lda is B's row stride and mr the panel width NR).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackFourRows(float* src, nint lda, int kc, float* dst, int mr)
    {
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            var r0 = Sse.LoadVector128(src + p);
            var r1 = Sse.LoadVector128(src + lda + p);
            var r2 = Sse.LoadVector128(src + 2 * lda + p);
            var r3 = Sse.LoadVector128(src + 3 * lda + p);
            var t0 = Sse.UnpackLow(r0, r1);    // r0[0] r1[0] r0[1] r1[1]
            var t1 = Sse.UnpackLow(r2, r3);    // r2[0] r3[0] r2[1] r3[1]
            var t2 = Sse.UnpackHigh(r0, r1);   // r0[2] r1[2] r0[3] r1[3]
            var t3 = Sse.UnpackHigh(r2, r3);   // r2[2] r3[2] r2[3] r3[3]
            float* d = dst + (nint)p * mr;
            Sse.Store(d, Sse.MoveLowToHigh(t0, t1));
            Sse.Store(d + mr, Sse.MoveHighToLow(t1, t0));
            Sse.Store(d + 2 * mr, Sse.MoveLowToHigh(t2, t3));
            Sse.Store(d + 3 * mr, Sse.MoveHighToLow(t3, t2));
        }
        for (; p < kc; p++)
            for (int r = 0; r < 4; r++) dst[(nint)p * mr + r] = src[r * lda + p];
    }

    /// <summary>
    /// Packs A(ic..ic+mc, pc..pc+kc) into panels of mr rows: panel q holds A(ic+q·mr+ii, pc+p) at
    /// [q·kc·mr + p·mr + ii], zero-padded past the last row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA<T>(Args<T> x, int ic, int mc, int pc, int kc, int mr, T* dst) where T : unmanaged
    {
        for (int i0 = 0; i0 < mc; i0 += mr, dst += (nint)kc * mr)
        {
            int rows = Math.Min(mr, mc - i0);
            if (x.TransA)
            {
                // A is stored k×m, so the rows of one p are contiguous.
                nint bytes = (nint)rows * sizeof(T);
                for (int p = 0; p < kc; p++)
                {
                    T* d = dst + p * mr;
                    Unsafe.CopyBlockUnaligned(d, x.AAt(ic + i0, pc + p), (uint)bytes);
                    if (rows < mr) new Span<T>(d + rows, mr - rows).Clear();
                }
            }
            else
            {
                // Row i of A is contiguous: read it sequentially, write with stride mr (float: four rows at a
                // time through 4×4 register transposes, since scalar stores made this pack cost as much as the
                // arithmetic in the convolution's weight gradient).
                int ii = 0;
                if (typeof(T) == typeof(float) && Sse.IsSupported)
                    for (; ii + 4 <= rows; ii += 4)
                        PackFourRows((float*)x.AAt(ic + i0 + ii, pc), x.Lda, kc, (float*)(dst + ii), mr);
                for (; ii < rows; ii++)
                {
                    T* src = x.AAt(ic + i0 + ii, pc);
                    for (int p = 0; p < kc; p++) dst[p * mr + ii] = src[p];
                }
                if (rows < mr) ZeroColumns(dst, kc, rows, mr);
            }
        }
    }

    /// <summary>Zeroes entries [from, width) of each of the kc rows of a packed panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ZeroColumns<T>(T* panel, int kc, int from, int width) where T : unmanaged
    {
        for (int p = 0; p < kc; p++) new Span<T>(panel + p * width + from, width - from).Clear();
    }

    // ---------------------------------------------------------------- helpers

    private static int RoundUp(int x, int unit) => (x + unit - 1) / unit * unit;

    /// <summary>
    /// Block size for a dimension of length <paramref name="total"/> at most <paramref name="max"/>, evened out so the
    /// last block is not a sliver (k = 257 gives 129 + 128, not 256 + 1), rounded up to <paramref name="unit"/>.
    /// </summary>
    private static int Balance(int total, int max, int unit)
    {
        if (total <= max) return RoundUp(total, unit);
        int blocks = (total + max - 1) / max;
        return Math.Min(max, RoundUp((total + blocks - 1) / blocks, unit));
    }

    private static T* AlignUp<T>(T* p) where T : unmanaged => (T*)(((nint)p + (Align - 1)) & ~(nint)(Align - 1));

    // ---------------------------------------------------------------- micro-kernels

    /// <summary>
    /// A register-blocked micro-kernel: C[MR×NR] (+)= Apanel·Bpanel, where Apanel is kc×MR and Bpanel kc×NR,
    /// both packed contiguously. One implementation per SIMD level; static members so the JIT specializes
    /// and inlines the driver for each.
    /// </summary>
    private interface IKernel<T> where T : unmanaged
    {
        static abstract int MR { get; }
        static abstract int NR { get; }
        static abstract void Run(int kc, T* a, T* b, T* c, nint ldc, bool add);

        /// <summary>
        /// One row of C: c[j] (+)= Σ_p a[p·aStep]·b[p·ldb + j] for p &lt; kc, each lane with the arithmetic of
        /// <see cref="Run"/>, over as many whole vectors of columns as fit in n; returns the number of columns done.
        /// </summary>
        static abstract int Row(int kc, T* a, nint aStep, T* b, nint ldb, T* c, int n, bool add);
    }

    /// <summary>
    /// AVX-512: 12 rows × 2 vectors (12×32 floats, 12×16 doubles). 24 accumulators + 2 B vectors + 1 broadcast
    /// fit in the 32 zmm registers; each step is 2 loads, 12 broadcasts (folded into the FMA) and 24 FMAs.
    /// </summary>
    private struct Kernel512<T> : IKernel<T> where T : unmanaged, INumber<T>
    {
        public static int MR => 12;
        public static int NR => 2 * Vector512<T>.Count;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool add)
        {
            Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
            Vector512<T> c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
            int w = Vector512<T>.Count;
            for (int p = 0; p < kc; p++, a += 12, b += 2 * w)
            {
                var b0 = Vector512.Load(b);
                var b1 = Vector512.Load(b + w);
                Vector512<T> x;
                x = Vector512.Create(a[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
                x = Vector512.Create(a[1]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
                x = Vector512.Create(a[2]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
                x = Vector512.Create(a[3]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
                x = Vector512.Create(a[4]); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = Vector512.Create(a[5]); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
                x = Vector512.Create(a[6]); c60 = Fma(x, b0, c60); c61 = Fma(x, b1, c61);
                x = Vector512.Create(a[7]); c70 = Fma(x, b0, c70); c71 = Fma(x, b1, c71);
                x = Vector512.Create(a[8]); c80 = Fma(x, b0, c80); c81 = Fma(x, b1, c81);
                x = Vector512.Create(a[9]); c90 = Fma(x, b0, c90); c91 = Fma(x, b1, c91);
                x = Vector512.Create(a[10]); ca0 = Fma(x, b0, ca0); ca1 = Fma(x, b1, ca1);
                x = Vector512.Create(a[11]); cb0 = Fma(x, b0, cb0); cb1 = Fma(x, b1, cb1);
            }
            Put(c, w, c00, c01, add); Put(c + ldc, w, c10, c11, add);
            Put(c + 2 * ldc, w, c20, c21, add); Put(c + 3 * ldc, w, c30, c31, add);
            Put(c + 4 * ldc, w, c40, c41, add); Put(c + 5 * ldc, w, c50, c51, add);
            Put(c + 6 * ldc, w, c60, c61, add); Put(c + 7 * ldc, w, c70, c71, add);
            Put(c + 8 * ldc, w, c80, c81, add); Put(c + 9 * ldc, w, c90, c91, add);
            Put(c + 10 * ldc, w, ca0, ca1, add); Put(c + 11 * ldc, w, cb0, cb1, add);
        }

        /// <inheritdoc cref="IKernel{T}.Row"/>
        /// <remarks>Four vectors at a time: four independent chains of multiply-adds hide the FMA's latency.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int Row(int kc, T* a, nint aStep, T* b, nint ldb, T* c, int n, bool add)
        {
            int w = Vector512<T>.Count, j = 0;
            for (; j + 4 * w <= n; j += 4 * w)
            {
                Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default;
                T* ap = a, bp = b + j;
                for (int p = 0; p < kc; p++, ap += aStep, bp += ldb)
                {
                    var x = Vector512.Create(*ap);
                    c0 = Fma(x, Vector512.Load(bp), c0); c1 = Fma(x, Vector512.Load(bp + w), c1);
                    c2 = Fma(x, Vector512.Load(bp + 2 * w), c2); c3 = Fma(x, Vector512.Load(bp + 3 * w), c3);
                }
                Put(c + j, w, c0, c1, add); Put(c + j + 2 * w, w, c2, c3, add);
            }
            for (; j + w <= n; j += w)
            {
                Vector512<T> acc = default;
                T* ap = a, bp = b + j;
                for (int p = 0; p < kc; p++, ap += aStep, bp += ldb) acc = Fma(Vector512.Create(*ap), Vector512.Load(bp), acc);
                if (add) acc += Vector512.Load(c + j);
                acc.Store(c + j);
            }
            return j;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Put(T* c, int w, Vector512<T> v0, Vector512<T> v1, bool add)
        {
            if (add)
            {
                v0 += Vector512.Load(c);
                v1 += Vector512.Load(c + w);
            }
            v0.Store(c);
            v1.Store(c + w);
        }

        /// <summary>Vector512.FusedMultiplyAdd is typed per element; typeof checks fold away after specialization.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector512<T> Fma(Vector512<T> x, Vector512<T> y, Vector512<T> z)
        {
            if (typeof(T) == typeof(float))
                return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
            return x * y + z;
        }
    }

    /// <summary>
    /// AVX2: 6 rows × 2 vectors (6×16 floats, 6×8 doubles). 12 accumulators + 2 B vectors + 1 broadcast fit in
    /// the 16 ymm registers (the classic Haswell shape).
    /// </summary>
    private struct Kernel256<T> : IKernel<T> where T : unmanaged, INumber<T>
    {
        public static int MR => 6;
        public static int NR => 2 * Vector256<T>.Count;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool add)
        {
            Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            int w = Vector256<T>.Count;
            for (int p = 0; p < kc; p++, a += 6, b += 2 * w)
            {
                var b0 = Vector256.Load(b);
                var b1 = Vector256.Load(b + w);
                Vector256<T> x;
                x = Vector256.Create(a[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
                x = Vector256.Create(a[1]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
                x = Vector256.Create(a[2]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
                x = Vector256.Create(a[3]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
                x = Vector256.Create(a[4]); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = Vector256.Create(a[5]); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
            }
            Put(c, w, c00, c01, add); Put(c + ldc, w, c10, c11, add);
            Put(c + 2 * ldc, w, c20, c21, add); Put(c + 3 * ldc, w, c30, c31, add);
            Put(c + 4 * ldc, w, c40, c41, add); Put(c + 5 * ldc, w, c50, c51, add);
        }

        /// <inheritdoc cref="IKernel{T}.Row"/>
        /// <remarks>Four vectors at a time: four independent chains of multiply-adds hide the FMA's latency.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int Row(int kc, T* a, nint aStep, T* b, nint ldb, T* c, int n, bool add)
        {
            int w = Vector256<T>.Count, j = 0;
            for (; j + 4 * w <= n; j += 4 * w)
            {
                Vector256<T> c0 = default, c1 = default, c2 = default, c3 = default;
                T* ap = a, bp = b + j;
                for (int p = 0; p < kc; p++, ap += aStep, bp += ldb)
                {
                    var x = Vector256.Create(*ap);
                    c0 = Fma(x, Vector256.Load(bp), c0); c1 = Fma(x, Vector256.Load(bp + w), c1);
                    c2 = Fma(x, Vector256.Load(bp + 2 * w), c2); c3 = Fma(x, Vector256.Load(bp + 3 * w), c3);
                }
                Put(c + j, w, c0, c1, add); Put(c + j + 2 * w, w, c2, c3, add);
            }
            for (; j + w <= n; j += w)
            {
                Vector256<T> acc = default;
                T* ap = a, bp = b + j;
                for (int p = 0; p < kc; p++, ap += aStep, bp += ldb) acc = Fma(Vector256.Create(*ap), Vector256.Load(bp), acc);
                if (add) acc += Vector256.Load(c + j);
                acc.Store(c + j);
            }
            return j;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Put(T* c, int w, Vector256<T> v0, Vector256<T> v1, bool add)
        {
            if (add)
            {
                v0 += Vector256.Load(c);
                v1 += Vector256.Load(c + w);
            }
            v0.Store(c);
            v1.Store(c + w);
        }

        /// <summary>Hardware FMA where the CPU has it (AVX2 machines almost always do); otherwise multiply then add.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector256<T> Fma(Vector256<T> x, Vector256<T> y, Vector256<T> z)
        {
            if (System.Runtime.Intrinsics.X86.Fma.IsSupported || AdvSimd.IsSupported)
            {
                if (typeof(T) == typeof(float))
                    return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
                if (typeof(T) == typeof(double))
                    return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
            }
            return x * y + z;
        }
    }

    /// <summary>
    /// Portable Vector&lt;T&gt; (whatever width the JIT picks): 6 rows × 2 vectors, the shape that fits 16
    /// architectural vector registers (x64 without AVX-512; Arm64 has 32, so it has room to spare).
    /// </summary>
    private struct KernelVector<T> : IKernel<T> where T : unmanaged, INumber<T>
    {
        public static int MR => 6;
        public static int NR => 2 * Vector<T>.Count;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool add)
        {
            Vector<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            int w = Vector<T>.Count;
            for (int p = 0; p < kc; p++, a += 6, b += 2 * w)
            {
                var b0 = Vector.Load(b);
                var b1 = Vector.Load(b + w);
                Vector<T> x;
                x = new Vector<T>(a[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
                x = new Vector<T>(a[1]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
                x = new Vector<T>(a[2]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
                x = new Vector<T>(a[3]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
                x = new Vector<T>(a[4]); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = new Vector<T>(a[5]); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
            }
            Put(c, w, c00, c01, add); Put(c + ldc, w, c10, c11, add);
            Put(c + 2 * ldc, w, c20, c21, add); Put(c + 3 * ldc, w, c30, c31, add);
            Put(c + 4 * ldc, w, c40, c41, add); Put(c + 5 * ldc, w, c50, c51, add);
        }

        /// <inheritdoc cref="IKernel{T}.Row"/>
        /// <remarks>Four vectors at a time: four independent chains of multiply-adds hide the FMA's latency.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int Row(int kc, T* a, nint aStep, T* b, nint ldb, T* c, int n, bool add)
        {
            int w = Vector<T>.Count, j = 0;
            for (; j + 4 * w <= n; j += 4 * w)
            {
                Vector<T> c0 = default, c1 = default, c2 = default, c3 = default;
                T* ap = a, bp = b + j;
                for (int p = 0; p < kc; p++, ap += aStep, bp += ldb)
                {
                    var x = new Vector<T>(*ap);
                    c0 = Fma(x, Vector.Load(bp), c0); c1 = Fma(x, Vector.Load(bp + w), c1);
                    c2 = Fma(x, Vector.Load(bp + 2 * w), c2); c3 = Fma(x, Vector.Load(bp + 3 * w), c3);
                }
                Put(c + j, w, c0, c1, add); Put(c + j + 2 * w, w, c2, c3, add);
            }
            for (; j + w <= n; j += w)
            {
                Vector<T> acc = default;
                T* ap = a, bp = b + j;
                for (int p = 0; p < kc; p++, ap += aStep, bp += ldb) acc = Fma(new Vector<T>(*ap), Vector.Load(bp), acc);
                if (add) acc += Vector.Load(c + j);
                acc.Store(c + j);
            }
            return j;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Put(T* c, int w, Vector<T> v0, Vector<T> v1, bool add)
        {
            if (add)
            {
                v0 += Vector.Load(c);
                v1 += Vector.Load(c + w);
            }
            v0.Store(c);
            v1.Store(c + w);
        }

        /// <summary>Hardware FMA where available; Vector.FusedMultiplyAdd would otherwise be emulated per element.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector<T> Fma(Vector<T> x, Vector<T> y, Vector<T> z)
        {
            if (System.Runtime.Intrinsics.X86.Fma.IsSupported || AdvSimd.IsSupported)
            {
                if (typeof(T) == typeof(float))
                    return Vector.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), z.As<T, float>()).As<float, T>();
                if (typeof(T) == typeof(double))
                    return Vector.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), z.As<T, double>()).As<double, T>();
            }
            return x * y + z;
        }
    }

    /// <summary>Scalar: 4×4 tile of plain multiply-adds; still benefits from packing and cache blocking.</summary>
    private struct KernelScalar<T> : IKernel<T> where T : unmanaged, INumber<T>
    {
        public static int MR => 4;
        public static int NR => 4;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool add)
        {
            T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero, c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
            T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero, c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;
            for (int p = 0; p < kc; p++, a += 4, b += 4)
            {
                T b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], x;
                x = a[0]; c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
                x = a[1]; c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
                x = a[2]; c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
                x = a[3]; c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
            }
            Put(c, c00, c01, c02, c03, add);
            Put(c + ldc, c10, c11, c12, c13, add);
            Put(c + 2 * ldc, c20, c21, c22, c23, add);
            Put(c + 3 * ldc, c30, c31, c32, c33, add);
        }

        /// <summary>No vectors: the caller's scalar loop does the whole row.</summary>
        public static int Row(int kc, T* a, nint aStep, T* b, nint ldb, T* c, int n, bool add) => 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Put(T* c, T v0, T v1, T v2, T v3, bool add)
        {
            if (add)
            {
                c[0] += v0; c[1] += v1; c[2] += v2; c[3] += v3;
            }
            else
            {
                c[0] = v0; c[1] = v1; c[2] = v2; c[3] = v3;
            }
        }
    }
}
