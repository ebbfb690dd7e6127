using System.Globalization;

namespace Nabla.Tensors;

/// <summary>Decimal digit strings of floating-point values, as NumPy's Dragon4 printing needs them.</summary>
internal static class Digits
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The shortest digits that round-trip (at float32 precision when <paramref name="single"/>), without sign,
    /// and where the decimal point goes: 1.5 is ("15", 1), 0.015 is ("15", -1), 1500 is ("15", 4), 0 is ("0", 1).
    /// </summary>
    public static (string Digits, int Point) Shortest(double value, bool single)
    {
        string r = single ? Math.Abs((float)value).ToString("R", Inv) : Math.Abs(value).ToString("R", Inv);
        return Parse(r);
    }

    /// <summary>Digits and point position of a string such as <c>1.25E-05</c> or <c>123.4</c>.</summary>
    public static (string Digits, int Point) Parse(string s)
    {
        int exp = 0;
        int e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, Inv);
            s = s[..e];
        }
        int dot = s.IndexOf('.');
        string intPart = dot >= 0 ? s[..dot] : s;
        string frac = dot >= 0 ? s[(dot + 1)..] : "";
        string all = intPart + frac;
        int point = intPart.Length + exp;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        all = all[lead..];
        point -= lead;
        all = all.TrimEnd('0');
        if (all.Length == 0) return ("0", 1);
        return (all, point);
    }

    /// <summary>Positional text of digits with the point placed: ("15", -1) is <c>0.015</c>, ("15", 4) is <c>1500.</c>.</summary>
    public static string Positional(string digits, int point)
    {
        if (point <= 0) return "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return digits + new string('0', point - digits.Length) + ".";
        return digits[..point] + "." + digits[point..];
    }
}
