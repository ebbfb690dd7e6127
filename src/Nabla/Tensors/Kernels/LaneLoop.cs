using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// The one loop behind every per-width elementwise kernel: a rule runs in vectors as wide as the level allows, then
/// narrower ones, then element by element for the tail. The rule is the same generic method at every width, so a
/// formula is written once and gives the same bits at every <see cref="SimdLevel"/>.
/// </summary>
internal static class LaneLoop
{
    /// <summary>Runs <paramref name="rule"/> over its whole length at <paramref name="level"/> and below.</summary>
    public static void Run<T, TRule>(TRule rule, SimdLevel level)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRule : struct, ILaneRule<T>, allows ref struct
    {
        int n = rule.Length, i = 0;
        if (level >= SimdLevel.Vector512 && Vector512.IsHardwareAccelerated) i = Runs<T, TRule, Lanes512<T>>(rule, i, n);
        if (level >= SimdLevel.Vector256 && Vector256.IsHardwareAccelerated) i = Runs<T, TRule, Lanes256<T>>(rule, i, n);
        if (level >= SimdLevel.Portable && Vector.IsHardwareAccelerated) i = Runs<T, TRule, LanesVector<T>>(rule, i, n);
        Runs<T, TRule, Lane<T>>(rule, i, n);
    }

    /// <summary>Whole runs of <typeparamref name="TLanes"/> from <paramref name="i"/>; returns where the first incomplete one starts.</summary>
    /// <remarks>
    /// Never inlined: one method per width keeps each loop within the JIT's inlining budget, so that the rule and the
    /// lanes' operators are inlined into it (inlined into the caller, the later widths' rules stayed calls). Optimized
    /// from the first call: a loop that tiering starts in unoptimized code runs its first iterations of every call
    /// there before it moves on stack, and some widths never left that state in a training-length run.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Runs<T, TRule, TLanes>(TRule rule, int i, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRule : struct, ILaneRule<T>, allows ref struct
        where TLanes : struct, ILanes<TLanes, T>
    {
        for (; i <= n - TLanes.Count; i += TLanes.Count) rule.Apply<TLanes>(i);
        return i;
    }
}
