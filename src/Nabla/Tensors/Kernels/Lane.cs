using System.Numerics;
using System.Runtime.CompilerServices;

namespace Nabla.Tensors.Kernels;

/// <summary>One element as <see cref="ILanes{TSelf, T}"/>: the scalar tail of every loop, and the reference the vector widths are tested against.</summary>
internal readonly struct Lane<T>(T value) : ILanes<Lane<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T value = value;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane<T> Load(ReadOnlySpan<T> source, int index) => new(source[index]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lane<T> value, Span<T> destination, int index) => destination[index] = value.value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane<T> Create(T value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane<T> Sqrt(Lane<T> a) => new(T.Sqrt(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane<T> Step(Lane<T> a) => new(a.value > T.Zero ? T.One : T.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane<T> operator +(Lane<T> a, Lane<T> b) => new(a.value + b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane<T> operator -(Lane<T> a, Lane<T> b) => new(a.value - b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane<T> operator *(Lane<T> a, Lane<T> b) => new(a.value * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane<T> operator /(Lane<T> a, Lane<T> b) => new(a.value / b.value);
}
