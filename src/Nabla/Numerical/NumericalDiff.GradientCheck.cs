using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Numerical;

public static partial class NumericalDiff
{
    /// <summary>
    /// Checks backprop through f against finite differences, element by element, for every input (all converted to
    /// float64; integer arguments such as labels belong in f's closure). A function with a vector output is checked
    /// through ⟨w, f(x)⟩ for a fixed random w (seeded), so that an error in one output cannot be hidden by another.
    /// </summary>
    public static GradientCheckReport GradientCheck(Func<Variable[], Variable> f, Tensor[] inputs, double rtol = 1e-5, double atol = 1e-7,
        FiniteDifference scheme = FiniteDifference.Richardson)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        if (rtol < 0 || atol < 0 || double.IsNaN(rtol) || double.IsNaN(atol))
            throw new ArgumentOutOfRangeException(nameof(rtol), $"GradientCheck: tolerances must be 0 or more, got rtol {rtol}, atol {atol}");
        var points = inputs.Select((x, i) => new Point(x ?? throw new ArgumentNullException(nameof(inputs), $"GradientCheck: input {i} is null"), "GradientCheck")).ToArray();
        var (weights, backprop) = Backprop(f, points);
        double Loss(Tensor[] xs)
        {
            using (Config.NoGrad())
                return (f(xs.Select(t => new Variable(t)).ToArray()) * weights).Data.Sum().Item();
        }
        var works = points.Select(p => p.Work).ToArray();
        var tally = new Tally(rtol, atol);
        for (int i = 0; i < points.Length; i++)
        {
            var flat = backprop[i].Reshape(-1);
            for (int k = 0; k < points[i].Size; k++)
            {
                double xk = points[i][k];
                double numerical = Estimate(s => [points[i].At(k, s, _ => Loss(works))], xk, scheme, Step(scheme, xk, null, "GradientCheck"), null)[0];
                tally.Add(i, k, flat.GetDouble(k), numerical);
            }
        }
        return tally.Report(points.Select(p => p.Work.Shape).ToArray());
    }

    /// <summary>The weights of the output and backprop's gradient of ⟨w, f(x)⟩ with respect to each input.</summary>
    private static (Tensor Weights, Tensor[] Grads) Backprop(Func<Variable[], Variable> f, Point[] points)
    {
        var xs = points.Select(p => new Variable(p.Work.Copy())).ToArray();
        Variable y;
        // Backprop needs the graph, even when the check runs inside NoGrad.
        using (Config.EnableGrad())
            y = f(xs) ?? throw new InvalidOperationException("GradientCheck: f returned null");
        var weights = y.Size == 1 ? Tensor.OnesLike(y.Data) : Tensor.Randn(new Generator(20240601), y.DType, y.Shape).To(y.Device);
        y.Grad = new Variable(weights);
        y.Backward();
        return (weights, xs.Select(x => x.Grad?.Data ?? Tensor.ZerosLike(x.Data)).ToArray());
    }

    /// <summary>Accumulates the errors and remembers the element with the largest error relative to its tolerance.</summary>
    private sealed class Tally(double rtol, double atol)
    {
        private double maxAbs, maxRel, worstScore = -1, worstBackprop, worstNumerical;
        private int worstInput, worstIndex, failures, count;

        public void Add(int input, int index, double backprop, double numerical)
        {
            count++;
            double error = Math.Abs(backprop - numerical);
            double allowed = atol + rtol * Math.Abs(numerical);
            double scale = Math.Max(Math.Abs(backprop), Math.Abs(numerical));
            maxAbs = Math.Max(maxAbs, error);
            if (scale > 0) maxRel = Math.Max(maxRel, error / scale);
            // A NaN error must count as a failure and as the worst one.
            bool bad = !(error <= allowed);
            if (bad) failures++;
            double score = bad && !(error > allowed) ? double.PositiveInfinity : error / Math.Max(allowed, double.Epsilon);
            if (score > worstScore)
                (worstScore, worstInput, worstIndex, worstBackprop, worstNumerical) = (score, input, index, backprop, numerical);
        }

        public GradientCheckReport Report(int[][] shapes)
        {
            int[] position = count == 0 ? [] : Unravel(worstIndex, shapes[worstInput]);
            return new GradientCheckReport(failures == 0, maxAbs, maxRel, worstInput, worstIndex, position,
                worstBackprop, worstNumerical, failures, count, rtol, atol);
        }

        private static int[] Unravel(int flat, int[] shape)
        {
            var index = new int[shape.Length];
            for (int a = shape.Length - 1; a >= 0; a--)
            {
                index[a] = flat % shape[a];
                flat /= shape[a];
            }
            return index;
        }
    }
}
