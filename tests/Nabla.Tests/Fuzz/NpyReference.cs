using System.Buffers.Binary;
using System.Text;
using Nabla.Tensors;

namespace Nabla.Tests.Fuzz;

/// <summary>
/// An independent reading of the NPY format for the fuzz tests, written from NumPy's rules (numpy.lib.format): the
/// header is a Python literal read as <c>ast.literal_eval</c> would (so <c>(5)</c> is an int, not a tuple, and
/// <c>05</c> is no integer), with the Python-2 <c>L</c> suffix filtered for versions 1 and 2 only, exactly the keys
/// descr, fortran_order and shape, and data of exactly the declared size. Returns null where it refuses.
/// </summary>
internal static class NpyReference
{
    public static Reference? Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 10 || !file[..6].SequenceEqual(Magic)) return null;
        int major = file[6], minor = file[7];
        if (major is < 1 or > 3 || minor != 0) return null;
        int prefix = major == 1 ? 10 : 12;
        if (file.Length < prefix) return null;
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(file[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(file[8..]);
        if (headerLength > file.Length - prefix) return null;
        var headerBytes = file.Slice(prefix, (int)headerLength);
        string header;
        if (major == 3)
        {
            try { header = new UTF8Encoding(false, true).GetString(headerBytes); }
            catch (DecoderFallbackException) { return null; }
        }
        else header = Encoding.Latin1.GetString(headerBytes);
        var dict = new Literal(header, allowLongSuffix: major < 3).Dict();
        if (dict is null || dict.Count != 3) return null;
        if (!dict.TryGetValue("descr", out var d) || d is not string descr) return null;
        if (!dict.TryGetValue("fortran_order", out var f) || f is not bool fortran) return null;
        if (!dict.TryGetValue("shape", out var s) || s is not long[] shape) return null;
        (DType dtype, int itemSize, bool isFloat, bool isBool)? kind = descr switch
        {
            "<f4" => (DType.Float32, 4, true, false),
            "<f8" => (DType.Float64, 8, true, false),
            "<i4" => (DType.Int32, 4, false, false),
            "<i8" => (DType.Int64, 8, false, false),
            "|b1" => (DType.Bool, 1, false, true),
            "|u1" => (DType.Int32, 1, false, false),
            _ => null,
        };
        if (kind is not var (dt, size, isF, isB) || shape.Any(x => x < 0) || !Reference.Representable(shape)) return null;
        var count = shape.Aggregate(System.Numerics.BigInteger.One, (a, x) => a * x);
        var data = file[(prefix + (int)headerLength)..];
        if (count * size != data.Length) return null;
        var stored = Reference.Decode(data, size, isF, isB);
        return new Reference(dt, shape, fortran ? FromFortran(stored, shape) : stored);
    }

    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>C order of an array stored in Fortran order: element (i0..in) sits at the Fortran offset sum(ik * prod(d0..dk-1)).</summary>
    private static long[] FromFortran(long[] stored, long[] shape)
    {
        var result = new long[stored.Length];
        var index = new long[shape.Length];
        for (int c = 0; c < stored.Length; c++)
        {
            long offset = 0, stride = 1;
            for (int k = 0; k < shape.Length; k++)
            {
                offset += index[k] * stride;
                stride *= shape[k];
            }
            result[c] = stored[offset];
            for (int k = shape.Length - 1; k >= 0; k--)
            {
                if (++index[k] < shape[k]) break;
                index[k] = 0;
            }
        }
        return result;
    }

    /// <summary>The Python literal subset NPY headers use, read as Python reads it; null where Python would not read it so.</summary>
    private sealed class Literal(string text, bool allowLongSuffix)
    {
        private int pos;

        public Dictionary<string, object>? Dict()
        {
            var result = new Dictionary<string, object>();
            if (!Take('{')) return null;
            while (true)
            {
                if (Take('}')) break;
                if (Str() is not string key || !Take(':') || Value() is not { } value) return null;
                result[key] = value; // a repeated key: the last one wins, as in a Python dict display
                if (Take('}')) break;
                if (!Take(',')) return null;
            }
            Space();
            return pos == text.Length ? result : null;
        }

        private object? Value()
        {
            Space();
            if (pos >= text.Length) return null;
            char c = text[pos];
            if (c is '\'' or '"') return Str();
            if (c == '(') return Tuple();
            if (c == '-' || char.IsAsciiDigit(c)) return Int();
            foreach (var (word, value) in new[] { ("True", true), ("False", false) })
                if (string.CompareOrdinal(text, pos, word, 0, word.Length) == 0
                    && (pos + word.Length == text.Length || !(char.IsAsciiLetterOrDigit(text[pos + word.Length]) || text[pos + word.Length] == '_')))
                {
                    pos += word.Length;
                    return value;
                }
            return null;
        }

        private long[]? Tuple()
        {
            Take('(');
            var items = new List<long>();
            bool comma = false;
            while (true)
            {
                if (Take(')')) return items.Count == 1 && !comma ? null : items.ToArray(); // (5) is 5, not a tuple
                if (Int() is not long v) return null;
                items.Add(v);
                comma = Take(',');
                if (!comma && !Peek(')')) return null;
            }
        }

        private long? Int()
        {
            Space();
            int start = pos;
            if (pos < text.Length && text[pos] == '-') pos++;
            int digits = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
            string number = text[digits..pos];
            if (number.Length == 0 || (number.Length > 1 && number[0] == '0' && number.Any(ch => ch != '0'))) return null;
            if (allowLongSuffix && pos < text.Length && text[pos] == 'L') pos++;
            if (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_' || text[pos] == '.')) return null;
            return long.TryParse(text.AsSpan(start, digits - start + number.Length), out long v) ? v : null;
        }

        private string? Str()
        {
            Space();
            if (pos >= text.Length || text[pos] is not ('\'' or '"')) return null;
            char quote = text[pos++];
            int start = pos;
            while (pos < text.Length && text[pos] != quote)
            {
                if (text[pos] is '\\' or '\n' or '\r') return null;
                pos++;
            }
            if (pos >= text.Length) return null;
            return text[start..pos++];
        }

        private bool Take(char c)
        {
            Space();
            if (pos < text.Length && text[pos] == c)
            {
                pos++;
                return true;
            }
            return false;
        }

        private bool Peek(char c)
        {
            Space();
            return pos < text.Length && text[pos] == c;
        }

        /// <summary>Python's whitespace between tokens (inside brackets, newlines too).</summary>
        private void Space()
        {
            while (pos < text.Length && text[pos] is ' ' or '\t' or '\f' or '\n' or '\r') pos++;
        }
    }
}
