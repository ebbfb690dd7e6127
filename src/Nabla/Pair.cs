namespace Nabla;

/// <summary>
/// A size for the two spatial axes of an image, (height, width): kernel sizes, strides, paddings.
/// Converts implicitly from one int (the same for both axes) and from an (int, int) tuple,
/// as DeZero's <c>pair()</c>: <c>F.Conv2d(x, W, stride: 2, pad: (1, 0))</c>.
/// </summary>
public readonly record struct Pair(int H, int W)
{
    /// <summary>The same size along both axes.</summary>
    public static implicit operator Pair(int both) => new(both, both);

    /// <summary>(height, width).</summary>
    public static implicit operator Pair((int H, int W) pair) => new(pair.H, pair.W);

    /// <summary>"(H,W)", as shapes are printed in messages.</summary>
    public override string ToString() => $"({H},{W})";
}
