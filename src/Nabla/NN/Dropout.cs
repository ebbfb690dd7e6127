using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>Dropout as a layer: zeroes a fraction of the inputs in training, the identity in test mode.</summary>
public sealed class Dropout : Layer
{
    private readonly Generator? gen;

    /// <param name="ratio">The fraction of inputs zeroed in training, in [0, 1).</param>
    /// <param name="gen">Where the masks come from (null: see <see cref="F.Dropout"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratio"/> is outside [0, 1).</exception>
    public Dropout(double ratio = 0.5, Generator? gen = null)
    {
        if (!(ratio >= 0 && ratio < 1)) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "Dropout: the ratio must be in [0, 1)");
        Ratio = ratio;
        this.gen = gen;
    }

    /// <summary>The fraction of inputs zeroed in training.</summary>
    public double Ratio { get; }

    /// <inheritdoc/>
    public override Variable Forward(Variable x) => F.Dropout(x, Ratio, gen);
}
