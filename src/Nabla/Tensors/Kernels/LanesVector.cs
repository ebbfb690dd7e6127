using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nabla.Tensors.Kernels;

/// <summary>A portable <c>Vector&lt;T&gt;</c>, as wide as the JIT makes it, as <see cref="ILanes{TSelf, T}"/>.</summary>
internal readonly struct LanesVector<T>(Vector<T> value) : ILanes<LanesVector<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Vector<T> value = value;

    public static int Count => Vector<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesVector<T> Load(ReadOnlySpan<T> source, int index) => new(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(source.Slice(index, Count))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(LanesVector<T> value, Span<T> destination, int index) => value.value.StoreUnsafe(ref MemoryMarshal.GetReference(destination.Slice(index, Count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesVector<T> Create(T value) => new(new Vector<T>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesVector<T> Sqrt(LanesVector<T> a) => new(Vector.SquareRoot(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesVector<T> Step(LanesVector<T> a) => new(Vector.GreaterThan(a.value, Vector<T>.Zero) & Vector<T>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesVector<T> operator +(LanesVector<T> a, LanesVector<T> b) => new(a.value + b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesVector<T> operator -(LanesVector<T> a, LanesVector<T> b) => new(a.value - b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesVector<T> operator *(LanesVector<T> a, LanesVector<T> b) => new(a.value * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesVector<T> operator /(LanesVector<T> a, LanesVector<T> b) => new(a.value / b.value);
}
