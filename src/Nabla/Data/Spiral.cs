using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// DeZero's spiral data set: three interleaved spiral arms of 100 points each in the plane, x Float32 (300, 2),
/// labels Int64 (300,) in 0..2, shuffled. The recipe and seeds are DeZero's (1984 for training, 2020 for testing).
/// By default the random numbers come from Nabla's <see cref="Generator"/>, so the points follow DeZero's
/// distribution but differ from them; with <c>numpyCompatible</c> they come from NumPy's legacy stream
/// (<see cref="Generator.NumPy(uint)"/>) and are DeZero's <c>get_spiral</c> points bit for bit.
/// </summary>
public sealed class Spiral : TensorDataset
{
    /// <summary>The training (seed 1984) or test (seed 2020) spiral; DeZero's exact points when <paramref name="numpyCompatible"/>.</summary>
    public Spiral(bool train = true, bool numpyCompatible = false) : base(Generate(train, numpyCompatible))
    {
        Train = train;
    }

    /// <summary>Whether this is the training split.</summary>
    public bool Train { get; }

    /// <summary>The seed of the training (1984) or test (2020) split, DeZero's.</summary>
    public static uint SeedOf(bool train) => train ? 1984U : 2020U;

    /// <summary>DeZero's <c>get_spiral</c>: the points and their arm index.</summary>
    public static (Tensor X, Tensor T) Generate(bool train = true, bool numpyCompatible = false) =>
        Generate(numpyCompatible ? Generator.NumPy(SeedOf(train)) : new Generator(SeedOf(train)));

    /// <summary>
    /// The spiral drawn from <paramref name="rng"/> (300 normals, then a permutation), leaving it advanced past
    /// those draws as <c>get_spiral</c> leaves NumPy's global state, so a caller can continue the stream as the
    /// book's step 48 does (its shuffles and initial weights come after the data set's draws).
    /// </summary>
    public static (Tensor X, Tensor T) Generate(Generator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        const int numData = 100, numClass = 3, inputDim = 2;
        var x = new float[numData * numClass * inputDim];
        var t = new long[numData * numClass];
        for (int j = 0; j < numClass; j++)
        {
            for (int i = 0; i < numData; i++)
            {
                double rate = (double)i / numData;
                double radius = 1.0 * rate;
                double theta = j * 4.0 + 4.0 * rate + rng.NextNormal() * 0.2;
                int ix = numData * j + i;
                x[2 * ix] = (float)(radius * Math.Sin(theta));
                x[2 * ix + 1] = (float)(radius * Math.Cos(theta));
                t[ix] = j;
            }
        }
        var perm = Tensor.FromSpan<int>(rng.Permutation(numData * numClass), numData * numClass);
        return (Tensor.FromSpan<float>(x, numData * numClass, inputDim).Take(perm), Tensor.FromSpan<long>(t, numData * numClass).Take(perm));
    }
}
