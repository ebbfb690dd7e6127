using System.Globalization;
using System.Text;

namespace Nabla.Tensors;

/// <summary>
/// Prints tensors the way NumPy's <c>array2string</c> does with its default options: precision 8 (shortest
/// round-trip digits, at most 8 after the point), scientific notation when values span more than three
/// decades or reach 1e8, a line width of 75, and summaries with 3 edge items above 1000 elements.
/// </summary>
internal static class TensorFormatter
{
    private const int Precision = 8;
    private const int LineWidth = 75;
    private const int Threshold = 1000;
    private const int EdgeItems = 3;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>NumPy's <c>str(a)</c>: <c>[[1. 2.]\n [3. 4.]]</c>.</summary>
    public static string Str(Tensor t)
    {
        t = t.ToCpu();
        return t.NDim == 0 ? ScalarString(t) : Format(t, " ", 1, LineWidth);
    }

    /// <summary>NumPy's <c>repr(a)</c>: <c>array([1., 2.], dtype=float32)</c>.</summary>
    public static string Repr(Tensor t)
    {
        // As PyTorch does, a tensor off the CPU says where it is.
        if (!t.Device.IsCpu) return Repr(t.ToCpu())[..^1] + $", device={t.Device})";
        // NumPy names the dtype unless it is a default one; an empty array always names it.
        bool implicitDType = t.Size > 0 && t.DType is DType.Float64 or DType.Int64 or DType.Bool;
        string suffix = implicitDType ? ")" : $", dtype={t.DType.Name()})";
        if (t.Size == 0 && t.NDim > 1) suffix = $", shape={ShapeUtil.Format(t.ShapeSpan).Replace(",", ", ")}" + suffix;
        string body = t.NDim == 0 ? ElementFormat.For(t).Format(t, []) : Format(t, ", ", "array(".Length + 1, LineWidth - suffix.Length);
        return "array(" + body + suffix;
    }

    private static string Format(Tensor t, string separator, int indent, int lineWidth)
    {
        if (t.Size == 0) return "[]";
        bool summarize = t.Size > Threshold;
        var shown = summarize ? Edges(t) : t;
        var format = ElementFormat.For(shown);
        var summarized = new bool[t.NDim];
        for (int i = 0; i < t.NDim; i++) summarized[i] = summarize && t.Dim(i) > 2 * EdgeItems;
        var printer = new Printer(shown, format, separator, summarized);
        return printer.Recurse(new List<int>(), new string(' ', indent), lineWidth);
    }

    /// <summary>The first and last <see cref="EdgeItems"/> entries of every long axis: what a summary shows.</summary>
    private static Tensor Edges(Tensor t)
    {
        for (int axis = 0; axis < t.NDim; axis++)
        {
            int n = t.Dim(axis);
            if (n <= 2 * EdgeItems) continue;
            long[] keep = [0, 1, 2, n - 3, n - 2, n - 1];
            t = t.Take(Tensor.FromArray(keep), axis);
        }
        return t;
    }

    /// <summary>A 0-d tensor prints like a NumPy scalar: <c>1.5</c>, <c>1.0</c>, <c>1e-05</c>, <c>3</c>, <c>True</c>.</summary>
    private static string ScalarString(Tensor t)
    {
        double v = t.GetDouble();
        return t.DType switch
        {
            DType.Bool => v != 0 ? "True" : "False",
            DType.Int32 or DType.Int64 => t.DType == DType.Int32 ? t.Get<int>().ToString(Inv) : t.Get<long>().ToString(Inv),
            _ => PythonFloat(v, t.DType == DType.Float32),
        };
    }

    /// <summary>Python's float repr: shortest digits, positional between 1e-4 and 1e16, else <c>1.5e+16</c>.</summary>
    internal static string PythonFloat(double v, bool single)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        var (digits, point) = Digits.Shortest(v, single);
        string sign = double.IsNegative(v) ? "-" : "";
        if (digits == "0") return sign + "0.0";
        int exp = point - 1;
        if (exp >= -4 && exp < 16)
        {
            string s = Digits.Positional(digits, point);
            return sign + (s.EndsWith('.') ? s + "0" : s);
        }
        string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", Inv);
    }

    /// <summary>NumPy's recursive <c>_formatArray</c>, with its line wrapping.</summary>
    private sealed class Printer(Tensor t, ElementFormat format, string separator, bool[] summarized)
    {
        public string Recurse(List<int> index, string hangingIndent, int currentWidth)
        {
            int axis = index.Count;
            int axesLeft = t.NDim - axis;
            if (axesLeft == 0) return format.Format(t, index.ToArray());
            string nextIndent = hangingIndent + " ";
            int nextWidth = currentWidth - 1;
            int length = t.Dim(axis);
            bool summary = summarized[axis];
            int leading = summary ? EdgeItems : 0;
            int trailing = summary ? EdgeItems : length;
            var s = new StringBuilder();
            if (axesLeft == 1)
            {
                int elementWidth = currentWidth - separator.TrimEnd().Length;
                string line = hangingIndent;
                for (int i = 0; i < leading; i++)
                {
                    line = ExtendLine(s, line, Child(index, i, nextIndent, nextWidth), elementWidth, hangingIndent);
                    line += separator;
                }
                if (summary)
                {
                    line = ExtendLine(s, line, "...", elementWidth, hangingIndent);
                    line += separator;
                }
                for (int i = trailing; i > 1; i--)
                {
                    line = ExtendLine(s, line, Child(index, length - i, nextIndent, nextWidth), elementWidth, hangingIndent);
                    line += separator;
                }
                line = ExtendLine(s, line, Child(index, length - 1, nextIndent, nextWidth), currentWidth, hangingIndent);
                s.Append(line);
            }
            else
            {
                string lineSep = separator.TrimEnd() + new string('\n', axesLeft - 1);
                for (int i = 0; i < leading; i++)
                    s.Append(hangingIndent).Append(Child(index, i, nextIndent, nextWidth)).Append(lineSep);
                if (summary) s.Append(hangingIndent).Append("...").Append(lineSep);
                for (int i = trailing; i > 1; i--)
                    s.Append(hangingIndent).Append(Child(index, length - i, nextIndent, nextWidth)).Append(lineSep);
                s.Append(hangingIndent).Append(Child(index, length - 1, nextIndent, nextWidth));
            }
            return "[" + s.ToString()[hangingIndent.Length..] + "]";
        }

        // A summarised axis of the shown tensor has exactly 2·EdgeItems entries, so the first and last ones map directly.
        private string Child(List<int> index, int i, string indent, int width)
        {
            index.Add(i);
            string result = Recurse(index, indent, width);
            index.RemoveAt(index.Count - 1);
            return result;
        }

        private static string ExtendLine(StringBuilder s, string line, string word, int lineWidth, string nextLinePrefix)
        {
            bool wrap = line.Length + word.Length > lineWidth && line.Length > nextLinePrefix.Length;
            if (wrap)
            {
                s.Append(line.TrimEnd()).Append('\n');
                line = nextLinePrefix;
            }
            return line + word;
        }
    }
}
