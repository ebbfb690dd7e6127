using System.Globalization;

namespace Nabla.Tensors;

/// <summary>
/// How every element of one printed tensor is written, so that columns line up: NumPy's FloatingFormat
/// (maxprec mode, precision 8), IntegerFormat and BoolFormat, decided once from all shown values.
/// </summary>
internal sealed class ElementFormat
{
    private const int Precision = 8;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly DType dtype;
    private bool expFormat;
    private int padLeft, padRight, minDigits, expSize = -1;

    private ElementFormat(DType dtype) => this.dtype = dtype;

    public static ElementFormat For(Tensor t)
    {
        var f = new ElementFormat(t.DType);
        if (t.DType.IsFloat()) f.FillFloat(t.ToDoubleArray());
        else f.FillWidth(t);
        return f;
    }

    public string Format(Tensor t, int[] index)
    {
        double v = t.GetDouble(index);
        return dtype switch
        {
            DType.Bool => (v != 0 ? "True" : "False").PadLeft(padLeft),
            DType.Int32 => t.Get<int>(index).ToString(Inv).PadLeft(padLeft),
            DType.Int64 => t.Get<long>(index).ToString(Inv).PadLeft(padLeft),
            _ => FormatFloat(v),
        };
    }

    private void FillWidth(Tensor t)
    {
        var flat = t.Reshape(-1);
        for (int i = 0; i < t.Size; i++)
        {
            string s = dtype switch
            {
                DType.Bool => flat.Get<bool>(i) ? "True" : "False",
                DType.Int32 => flat.Get<int>(i).ToString(Inv),
                _ => flat.Get<long>(i).ToString(Inv),
            };
            padLeft = Math.Max(padLeft, s.Length);
        }
    }

    private bool Single => dtype == DType.Float32;

    private void FillFloat(double[] data)
    {
        var finite = data.Where(double.IsFinite).ToArray();
        var nonZero = finite.Where(v => v != 0).Select(Math.Abs).ToArray();
        if (nonZero.Length > 0)
        {
            double max = nonZero.Max(), min = nonZero.Min();
            expFormat = max >= 1e8 || min < 0.0001 || max / min > 1000.0;
        }
        if (finite.Length > 0)
        {
            if (expFormat) FillScientific(finite);
            else FillPositional(finite);
        }
        if (finite.Length != data.Length)
        {
            bool negInf = data.Any(v => double.IsNegativeInfinity(v));
            int offset = padRight + 1;
            padLeft = Math.Max(padLeft, Math.Max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
        }
    }

    private void FillPositional(double[] finite)
    {
        foreach (double v in finite)
        {
            string s = Positional(v, minDigits: 0);
            int dot = s.IndexOf('.');
            padLeft = Math.Max(padLeft, dot);
            padRight = Math.Max(padRight, s.Length - dot - 1);
        }
    }

    private void FillScientific(double[] finite)
    {
        int precision = 0;
        foreach (double v in finite)
        {
            string s = Scientific(v, minDigits: 0, expDigits: 0);
            int dot = s.IndexOf('.'), e = s.IndexOf('e');
            padLeft = Math.Max(padLeft, dot);
            precision = Math.Max(precision, e - dot - 1);
            expSize = Math.Max(expSize, s.Length - e - 2);
        }
        minDigits = precision;
        padRight = expSize + 2 + precision;
    }

    private string FormatFloat(double v)
    {
        if (!double.IsFinite(v))
        {
            string special = double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
            return special.PadLeft(padLeft + padRight + 1);
        }
        if (expFormat)
        {
            string s = Scientific(v, minDigits, Math.Max(expSize, 2));
            return s.PadLeft(padLeft + s.Length - s.IndexOf('.'));
        }
        string p = Positional(v, 0);
        int dot = p.IndexOf('.');
        return new string(' ', padLeft - dot) + p + new string(' ', padRight - (p.Length - dot - 1));
    }

    /// <summary>Shortest round-trip digits, at most 8 after the point, trailing zeros trimmed but the point kept.</summary>
    private string Positional(double v, int minDigits)
    {
        string sign = double.IsNegative(v) ? "-" : "";
        var (digits, point) = Digits.Shortest(v, Single);
        if (digits.Length - point > Precision)
            (digits, point) = Digits.Parse(Math.Abs(v).ToString("F" + Precision, Inv));
        string s = digits == "0" ? "0." : Digits.Positional(digits, point);
        int frac = s.Length - s.IndexOf('.') - 1;
        return sign + s + new string('0', Math.Max(0, minDigits - frac));
    }

    /// <summary>Scientific text like <c>1.5e-05</c>: shortest digits (at most 8 after the point), padded to <paramref name="minDigits"/>.</summary>
    private string Scientific(double v, int minDigits, int expDigits)
    {
        string sign = double.IsNegative(v) ? "-" : "";
        var (digits, point) = Digits.Shortest(v, Single);
        if (digits.Length - 1 > Precision)
            (digits, point) = Digits.Parse(Math.Abs(v).ToString("E" + Precision, Inv));
        int exp = digits == "0" ? 0 : point - 1;
        string frac = digits[1..].PadRight(minDigits, '0');
        string expText = Math.Abs(exp).ToString(new string('0', Math.Max(expDigits, 1)), Inv);
        return sign + digits[0] + "." + frac + "e" + (exp < 0 ? "-" : "+") + expText;
    }
}
