using System.Buffers.Binary;
using System.Text;

namespace Nabla.Tests.Fuzz;

/// <summary>
/// Seeded mutations of valid files: truncations, bit flips, interesting byte and integer values (huge, negative,
/// past int32/int64) at random offsets, deleted, inserted, duplicated and appended ranges, and replacements of
/// format tokens (dtype strings, shapes, offsets, nesting, invalid UTF-8) given by each parser's test.
/// </summary>
internal sealed class Mutator(Random random, IReadOnlyList<(string Find, string[] Replacements)> tokens)
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'{', (byte)'(', (byte)'[', (byte)'"', (byte)'\'', 0xC3, 0xED];

    private static readonly ulong[] InterestingIntegers =
    [
        0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, 0x7FFF_FFFF_FFFF_FFFF,
        0x8000_0000_0000_0000, ulong.MaxValue, 0x4000_0000, 0x10_0000_0000,
    ];

    /// <summary>One to three mutations of <paramref name="seed"/>, and what they were (for failure messages).</summary>
    public (byte[] Bytes, string What) Mutate(byte[] seed)
    {
        var bytes = seed;
        var what = new List<string>();
        int count = 1 + random.Next(3);
        for (int i = 0; i < count; i++)
        {
            var (next, description) = MutateOnce(bytes);
            bytes = next;
            what.Add(description);
        }
        return (bytes, string.Join("; ", what));
    }

    private (byte[], string) MutateOnce(byte[] b)
    {
        int at = b.Length == 0 ? 0 : random.Next(b.Length);
        switch (random.Next(10))
        {
            case 0:
                return (b[..at], $"truncated to {at}");
            case 1:
            {
                var c = (byte[])b.Clone();
                if (c.Length > 0) c[at] ^= (byte)(1 << random.Next(8));
                return (c, $"bit flip at {at}");
            }
            case 2:
            {
                var c = (byte[])b.Clone();
                byte v = InterestingBytes[random.Next(InterestingBytes.Length)];
                if (c.Length > 0) c[at] = v;
                return (c, $"byte {v:x2} at {at}");
            }
            case 3:
                return Integer(b, at);
            case 4:
            {
                int n = Math.Min(b.Length - at, 1 + random.Next(16));
                return ([.. b[..at], .. b[(at + n)..]], $"deleted {n} at {at}");
            }
            case 5:
            {
                var insert = new byte[1 + random.Next(16)];
                random.NextBytes(insert);
                return ([.. b[..at], .. insert, .. b[at..]], $"inserted {insert.Length} at {at}");
            }
            case 6:
            {
                int n = Math.Min(b.Length - at, 1 + random.Next(64));
                return ([.. b[..(at + n)], .. b[at..]], $"duplicated {n} at {at}");
            }
            case 7:
            {
                var tail = new byte[1 + random.Next(32)];
                random.NextBytes(tail);
                return ([.. b, .. tail], $"appended {tail.Length}");
            }
            default:
                return Token(b) ?? Integer(b, at);
        }
    }

    /// <summary>An interesting integer (also negated) written over 2, 4 or 8 bytes, little- or big-endian.</summary>
    private (byte[], string) Integer(byte[] b, int at)
    {
        int width = new[] { 2, 4, 8 }[random.Next(3)];
        if (b.Length < width) return (b, "too short for an integer");
        at = Math.Min(at, b.Length - width);
        ulong v = InterestingIntegers[random.Next(InterestingIntegers.Length)];
        if (random.Next(4) == 0) v = unchecked(0 - v);
        var c = (byte[])b.Clone();
        var span = c.AsSpan(at, width);
        bool big = random.Next(2) == 0;
        switch (width)
        {
            case 2: if (big) BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)v); else BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)v); break;
            case 4: if (big) BinaryPrimitives.WriteUInt32BigEndian(span, (uint)v); else BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)v); break;
            default: if (big) BinaryPrimitives.WriteUInt64BigEndian(span, v); else BinaryPrimitives.WriteUInt64LittleEndian(span, v); break;
        }
        return (c, $"{width}-byte {(big ? "BE" : "LE")} {v:x} at {at}");
    }

    /// <summary>Replaces one occurrence of a format token (found in the bytes as Latin-1 text) by one of its replacements.</summary>
    public (byte[], string)? Token(byte[] b)
    {
        if (tokens.Count == 0) return null;
        var (find, replacements) = tokens[random.Next(tokens.Count)];
        var pattern = Encoding.Latin1.GetBytes(find);
        int at = b.AsSpan().IndexOf(pattern);
        if (at < 0) return null;
        string replacement = replacements[random.Next(replacements.Length)];
        var with = Encoding.Latin1.GetBytes(replacement);
        return ([.. b[..at], .. with, .. b[(at + pattern.Length)..]], $"'{find}' -> '{Shorten(replacement)}'");
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + $"... ({s.Length})";
}
