using System.Numerics;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// A run of <see cref="Count"/> elements that kernels compute with as if it were one number: a 512-, 256-bit or
/// portable vector, or a single scalar. A rule written once against this interface is the same formula, with the same
/// IEEE operations in the same order (no fused multiply-add), at every width, so its results do not depend on the
/// <see cref="SimdLevel"/> that <see cref="LaneLoop"/> ran it at.
/// </summary>
internal interface ILanes<TSelf, T>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Elements per run.</summary>
    static abstract int Count { get; }

    /// <summary>Elements <paramref name="index"/> to <paramref name="index"/> + Count − 1 of <paramref name="source"/>.</summary>
    static abstract TSelf Load(ReadOnlySpan<T> source, int index);

    /// <summary>Writes the run to <paramref name="destination"/> from <paramref name="index"/> on.</summary>
    static abstract void Store(TSelf value, Span<T> destination, int index);

    /// <summary><paramref name="value"/> in every element.</summary>
    static abstract TSelf Create(T value);

    /// <summary>√a, correctly rounded.</summary>
    static abstract TSelf Sqrt(TSelf a);

    /// <summary>1 where a &gt; 0, else 0 (NaN included): the Heaviside step as ReLU's slope.</summary>
    static abstract TSelf Step(TSelf a);

    /// <summary>a + b.</summary>
    static abstract TSelf operator +(TSelf a, TSelf b);

    /// <summary>a − b.</summary>
    static abstract TSelf operator -(TSelf a, TSelf b);

    /// <summary>a · b.</summary>
    static abstract TSelf operator *(TSelf a, TSelf b);

    /// <summary>a / b.</summary>
    static abstract TSelf operator /(TSelf a, TSelf b);
}
