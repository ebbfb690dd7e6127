using System.Globalization;
using System.Text;

namespace Nabla.Numerical;

/// <summary>
/// Finite-difference estimates of f′(x) for a range of steps and schemes, each against the exact value: the error
/// first falls with h (truncation) and then rises again (round-off, about ε·|f|/h), so each scheme has a best step.
/// Made by <see cref="NumericalDiff.ErrorTable"/>; <see cref="ToString"/> prints it as a plain text table.
/// </summary>
public sealed class ErrorTable
{
    internal ErrorTable(double x, double exact, IReadOnlyList<FiniteDifference> schemes, IReadOnlyList<double> steps, IReadOnlyList<ErrorTableRow> rows)
    {
        X = x;
        Exact = exact;
        Schemes = schemes;
        Steps = steps;
        Rows = rows;
    }

    /// <summary>The point of differentiation.</summary>
    public double X { get; }

    /// <summary>The exact derivative the estimates are compared with.</summary>
    public double Exact { get; }

    /// <summary>The schemes, in column order.</summary>
    public IReadOnlyList<FiniteDifference> Schemes { get; }

    /// <summary>The steps, largest first.</summary>
    public IReadOnlyList<double> Steps { get; }

    /// <summary>Every estimate: for each step, one row per scheme.</summary>
    public IReadOnlyList<ErrorTableRow> Rows { get; }

    /// <summary>The estimate of <paramref name="scheme"/> at <paramref name="step"/>.</summary>
    public ErrorTableRow Row(FiniteDifference scheme, double step) =>
        Rows.FirstOrDefault(r => r.Scheme == scheme && r.Step == step)
        ?? throw new ArgumentException($"ErrorTable: no row for scheme {scheme} and step {step.ToString("G3", CultureInfo.InvariantCulture)}");

    /// <summary>The estimate of <paramref name="scheme"/> with the smallest error.</summary>
    public ErrorTableRow Best(FiniteDifference scheme) =>
        Rows.Where(r => r.Scheme == scheme).MinBy(r => double.IsNaN(r.AbsError) ? double.PositiveInfinity : r.AbsError)
        ?? throw new ArgumentException($"ErrorTable: scheme {scheme} is not in the table");

    /// <summary>A heading and one line per step: for each scheme the estimate and its absolute error.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Format(c, "f'(x) at x = {0:G17}, exact {1:G17}", X, Exact));
        text.Append("h      ");
        foreach (var s in Schemes) text.Append(string.Format(c, " | {0,-20} {1,9}", s.ToString().ToLowerInvariant(), "error"));
        text.AppendLine();
        text.Append(new string('-', 7));
        foreach (var _ in Schemes) text.Append("-+-" + new string('-', 30));
        text.AppendLine();
        foreach (var h in Steps)
        {
            text.Append(h.ToString("0e+00", c).PadRight(7));
            foreach (var s in Schemes)
            {
                var row = Row(s, h);
                text.Append(string.Format(c, " | {0,-20:G15} {1,9:0.0e+00}", row.Estimate, row.AbsError));
            }
            text.AppendLine();
        }
        return text.ToString();
    }
}
