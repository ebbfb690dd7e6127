using Nabla.Tensors;

namespace Nabla.Numerical;

public static partial class NumericalDiff
{
    /// <summary>
    /// The point of differentiation as a float64 working copy whose elements are moved one or two at a time for an
    /// evaluation and put back exactly afterwards, so no evaluation pays for copying the whole point.
    /// </summary>
    private sealed class Point
    {
        private readonly Tensor flat;

        public Point(Tensor x, string op)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (!x.DType.IsFloat())
                throw new ArgumentException($"NumericalDiff.{op}: x has dtype {x.DType.Name()}; it must be float32 or float64", nameof(x));
            Work = x.AsType(DType.Float64).Copy();
            flat = Work.Reshape(-1);
        }

        /// <summary>The tensor the function is evaluated at.</summary>
        public Tensor Work { get; }

        public int Size => flat.Size;

        public double this[int k]
        {
            get => flat.GetDouble(k);
            set => flat.SetDouble(value, k);
        }

        /// <summary>g at the point with element k set to s.</summary>
        public T At<T>(int k, double s, Func<Tensor, T> g)
        {
            double old = this[k];
            this[k] = s;
            try { return g(Work); }
            finally { this[k] = old; }
        }

        /// <summary>g at the point with element i moved by di and element j by dj (both on i when i == j).</summary>
        public T Moved<T>(int i, double di, int j, double dj, Func<Tensor, T> g)
        {
            double xi = this[i], xj = this[j];
            this[i] = xi + di;
            this[j] = this[j] + dj;
            try { return g(Work); }
            finally
            {
                this[j] = xj;
                this[i] = xi;
            }
        }
    }
}
