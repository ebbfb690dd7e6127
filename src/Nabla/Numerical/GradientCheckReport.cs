using System.Globalization;

namespace Nabla.Numerical;

/// <summary>
/// What <see cref="NumericalDiff.GradientCheck"/> found: whether every element of every gradient agreed with finite
/// differences within |backprop − numerical| ≤ atol + rtol·|numerical|, the largest errors, and the element that
/// broke the tolerance worst (or came closest to breaking it).
/// </summary>
/// <param name="Passed">True when every element is within tolerance.</param>
/// <param name="MaxAbsError">The largest |backprop − numerical| over all elements.</param>
/// <param name="MaxRelError">The largest |backprop − numerical| / max(|backprop|, |numerical|) (0 where both are 0).</param>
/// <param name="WorstInput">The index of the input holding the worst element.</param>
/// <param name="WorstIndex">The worst element's flat (row-major) index in that input.</param>
/// <param name="WorstPosition">The worst element's index per axis.</param>
/// <param name="Backprop">The gradient backprop gave at the worst element.</param>
/// <param name="Numerical">The finite-difference gradient at the worst element.</param>
/// <param name="Failures">How many elements are out of tolerance.</param>
/// <param name="Checked">How many elements were checked.</param>
/// <param name="Rtol">The relative tolerance used.</param>
/// <param name="Atol">The absolute tolerance used.</param>
public sealed record GradientCheckReport(
    bool Passed,
    double MaxAbsError,
    double MaxRelError,
    int WorstInput,
    int WorstIndex,
    IReadOnlyList<int> WorstPosition,
    double Backprop,
    double Numerical,
    int Failures,
    int Checked,
    double Rtol,
    double Atol)
{
    /// <summary>One paragraph: the verdict, the tolerances, the largest errors and where the worst one is.</summary>
    public override string ToString()
    {
        string verdict = Passed ? "passed" : $"FAILED ({Failures} of {Checked} elements out of tolerance)";
        string where = Checked == 0
            ? "no elements to check"
            : $"worst at input {WorstInput}, flat index {WorstIndex} (position [{string.Join(", ", WorstPosition)}]): " +
              $"backprop {Number(Backprop, "G10")} vs numerical {Number(Numerical, "G10")}";
        return $"GradientCheck {verdict}: {Checked} elements checked with rtol {Number(Rtol)}, atol {Number(Atol)}; " +
               $"max abs error {Number(MaxAbsError)}, max rel error {Number(MaxRelError)}; {where}";
    }

    private static string Number(double value, string format = "G3") =>
        value.ToString(format, CultureInfo.InvariantCulture).Replace("E", "e");
}
