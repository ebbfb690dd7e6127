using System.Numerics;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// An elementwise kernel written once for <see cref="LaneLoop"/>: the spans it reads and writes and its constants are
/// its fields, and <see cref="Apply{TLanes}"/> does elements <c>i</c> to <c>i + TLanes.Count − 1</c> at any width.
/// </summary>
internal interface ILaneRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How many elements the kernel covers; every span it touches has at least as many.</summary>
    int Length { get; }

    /// <summary>The formula on the run of elements that starts at <paramref name="i"/>.</summary>
    void Apply<TLanes>(int i) where TLanes : struct, ILanes<TLanes, T>;
}
