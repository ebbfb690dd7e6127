using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// DeZero's spiral data set: three interleaved spiral arms of 100 points each in the plane, x Float32 (300, 2),
/// labels Int64 (300,) in 0..2, shuffled. The recipe and seeds are DeZero's (1984 for training, 2020 for testing),
/// but the random numbers come from Nabla's <see cref="Generator"/>, not NumPy's, so the points differ from
/// DeZero's bit for bit while following the same distribution.
/// </summary>
public sealed class Spiral : TensorDataset
{
    /// <summary>The training (seed 1984) or test (seed 2020) spiral.</summary>
    public Spiral(bool train = true) : base(Generate(train))
    {
        Train = train;
    }

    /// <summary>Whether this is the training split.</summary>
    public bool Train { get; }

    /// <summary>DeZero's <c>get_spiral</c>: the points and their arm index.</summary>
    public static (Tensor X, Tensor T) Generate(bool train = true)
    {
        const int numData = 100, numClass = 3, inputDim = 2;
        var rng = new Generator(train ? 1984 : 2020);
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
