using System.Globalization;
using System.Text;

namespace Nabla.IO;

/// <summary>
/// A reader for the small subset of Python literals that NPY headers use: a dict with string keys whose values
/// are strings, <c>True</c>/<c>False</c>, integers and tuples of integers. Nothing is evaluated.
/// </summary>
internal sealed class PythonLiteral
{
    private readonly string text;
    private int pos;

    private PythonLiteral(string text) => this.text = text;

    /// <summary>Parses a dict literal; values are string, bool, long or long[] (a tuple).</summary>
    /// <exception cref="FormatException">The text is not such a literal.</exception>
    public static Dictionary<string, object> ParseDict(string text)
    {
        var parser = new PythonLiteral(text);
        var result = parser.Dict();
        parser.SkipSpace();
        if (parser.pos != text.Length) throw parser.Fail("unexpected text after the dict");
        return result;
    }

    private Dictionary<string, object> Dict()
    {
        Expect('{');
        var result = new Dictionary<string, object>();
        while (true)
        {
            SkipSpace();
            if (TryTake('}')) return result;
            string key = String();
            Expect(':');
            if (!result.TryAdd(key, Value())) throw Fail($"the key '{key}' appears twice");
            SkipSpace();
            if (TryTake('}')) return result;
            Expect(',');
        }
    }

    private object Value()
    {
        SkipSpace();
        if (pos >= text.Length) throw Fail("a value is missing");
        char c = text[pos];
        if (c is '\'' or '"') return String();
        if (c == '(') return Tuple();
        if (char.IsAsciiDigit(c) || c == '-') return Integer();
        if (TryWord("True")) return true;
        if (TryWord("False")) return false;
        throw Fail($"unexpected '{c}'");
    }

    private long[] Tuple()
    {
        Expect('(');
        var items = new List<long>();
        while (true)
        {
            SkipSpace();
            if (TryTake(')')) return items.ToArray();
            items.Add(Integer());
            SkipSpace();
            // As in Python, (5) is the integer 5 in parentheses: a 1-tuple needs its comma, (5,).
            if (TryTake(')')) return items.Count == 1 ? throw Fail("a 1-tuple needs a trailing comma, e.g. (5,)") : items.ToArray();
            Expect(',');
        }
    }

    private long Integer()
    {
        SkipSpace();
        int start = pos;
        if (pos < text.Length && text[pos] == '-') pos++;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        if (!long.TryParse(text.AsSpan(start, pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw Fail($"'{text[start..pos]}' is not an integer");
        // Python 3 refuses leading zeros (05 is a syntax error), except in zero itself.
        var digits = text.AsSpan(start, pos - start).TrimStart('-');
        if (digits.Length > 1 && digits[0] == '0' && digits.ContainsAnyExcept('0')) throw Fail($"'{text[start..pos]}' has a leading zero");
        // Python 2 wrote long integers with an L suffix.
        if (pos < text.Length && text[pos] == 'L') pos++;
        return value;
    }

    private string String()
    {
        SkipSpace();
        if (pos >= text.Length || text[pos] is not ('\'' or '"')) throw Fail("a quoted string was expected");
        char quote = text[pos++];
        var sb = new StringBuilder();
        while (pos < text.Length && text[pos] != quote)
        {
            if (text[pos] == '\\') throw Fail("escape sequences are not supported in header strings");
            sb.Append(text[pos++]);
        }
        if (pos >= text.Length) throw Fail("a string is not closed");
        pos++;
        return sb.ToString();
    }

    private bool TryWord(string word)
    {
        if (string.CompareOrdinal(text, pos, word, 0, word.Length) != 0) return false;
        int end = pos + word.Length;
        if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) return false;
        pos = end;
        return true;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (!TryTake(c)) throw Fail($"'{c}' was expected");
    }

    private bool TryTake(char c)
    {
        if (pos < text.Length && text[pos] == c)
        {
            pos++;
            return true;
        }
        return false;
    }

    /// <summary>Python's whitespace between tokens; char.IsWhiteSpace would also pass U+00A0, U+000B and U+001C-1F, which Python refuses.</summary>
    private void SkipSpace()
    {
        while (pos < text.Length && text[pos] is ' ' or '\t' or '\f' or '\n' or '\r') pos++;
    }

    private FormatException Fail(string what) => new($"{what} at position {pos}");
}
