using Xunit.Abstractions;
using System.Buffers.Binary;
using System.Text;
using Nabla.Data;
using Nabla.IO;
using Nabla.Symbolic;
using Nabla.Tensors;
using Nabla.Tests.Data;
using Nabla.Tests.IO;

namespace Nabla.Tests.Fuzz;

/// <summary>
/// Issue 15, "keep them fixed": every parser run over seeded mutations of valid files (truncation at every length,
/// byte flips, huge and negative sizes, offsets past the end, bad dtype strings, shapes past int32/int64, deep
/// nesting, invalid UTF-8). Each input must be refused with the documented exception naming the file, or accepted
/// and equal to what the independent reader of the test (Fuzz/*Reference.cs) makes of the same bytes; never a crash,
/// a hang or an allocation beyond a small multiple of the input. CI runs a few thousand inputs per parser;
/// <c>NABLA_FUZZ_LONG=1</c> runs 20,000 (see <see cref="FuzzSettings"/>), NABLA_FUZZ_REPORT=FILE collects the counts.
/// </summary>
[Trait("Category", "Fuzz")]
public class ParserFuzzTests(ITestOutputHelper output)
{
    private const int CiInputs = 2500;
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    private static bool NamesFile(Exception e, string path) => e is InvalidDataException && e.Message.Contains(path, StringComparison.Ordinal);

    /// <summary>All truncations of each small seed, then random mutations; <paramref name="restructure"/> may turn a mutation into a well-formed-looking file.</summary>
    private static IEnumerable<(byte[] Bytes, string What, int Seed)> Inputs(byte[][] seeds, Mutator mutator, Random random, Func<byte[], int, Random, byte[]>? restructure = null)
    {
        for (int s = 0; s < seeds.Length; s++)
            if (seeds[s].Length <= 2048)
                for (int n = 0; n < seeds[s].Length; n++) yield return (seeds[s][..n], $"seed {s} truncated to {n}", s);
        int inputs = FuzzSettings.Inputs(CiInputs);
        for (int i = 0; i < inputs; i++)
        {
            int s = random.Next(seeds.Length);
            var (bytes, what) = mutator.Mutate(seeds[s]);
            if (restructure is not null && random.Next(2) == 0) bytes = restructure(bytes, s, random);
            yield return (bytes, $"seed {s}: {what}", s);
        }
    }

    // ---- npy ----

    private static readonly (string, string[])[] NpyTokens =
    [
        ("'<f4'", ["'<f2'", "'>f4'", "'<f4 '", "'|O'", "'<U8'", "'<c8'", "[('a', '<f4')]", "'<i8'", "'|b1'", "'|u1'", "'\u00ff'", "'<f8'", "''", "b'<f4'"]),
        ("'<f8'", ["'<f4'", "'<i4'", "'>f8'", "'<f8\\n'"]),
        ("(3, 4)", ["(2147483647, 2147483647)", "(-1, 4)", "(0, 2147483647, 3)", "(4611686018427387904, 4)", "(3)", "(03, 4)", "(3L, 4L)", "((3, 4))",
            "(3, 4,)", "(3,, 4)", "(9223372036854775807, 2)", "(9223372036854775808, 2)", "(12,)", "(4, 3)", "()", "(2, 3, 2)", "(3, 4", "[3, 4]",
            "(3 4)", "(0x3, 4)", "(3.0, 4)", "(- 3, 4)", "(2147483648, 0)", "(0, 2147483647, 2147483647)", new string('(', 300) + "3, 4" + new string(')', 300)]),
        ("(2, 3)", ["(3, 2)", "(6,)", "(0, 3)", "(2147483647, 2, 0)", "(0, 2, 2147483647)", "(2, 3, 1)", "(2,3,)", "(1, 2, 3)"]),
        ("(5,)", ["(5)", "(40,)", "(5, 1)", "(-5,)", "(18446744073709551615,)", "(5,,)"]),
        ("False", ["True", "0", "false", "None", "Falsex", "False, 'x': 1"]),
        ("True", ["False", "1", "true", "Truex"]),
        ("'descr'", ["'descr2'", "'shape'", "\"descr\"", "'desc\\x72'", "'fortran_order'"]),
        ("'shape'", ["'Shape'", "'shape'  ", "'descr'"]),
        ("{", ["{{", "{'x': 1, ", " {", "\u00a0{", "{\x1c"]),
        ("}", ["}}", ", 'extra': 1}", "", "} x"]),
        (": ", [":", " : ", ":\x0b", ":\u00a0", ":\x1f"]),
    ];

    /// <summary>An NPY file with this dict text (padded as numpy pads it) and data.</summary>
    private static byte[] NpyFile(string dict, byte[] data, int major = 1)
    {
        int prefix = major == 1 ? 10 : 12;
        var encoded = major == 3 ? Encoding.UTF8.GetBytes(dict) : Encoding.Latin1.GetBytes(dict);
        int total = prefix + encoded.Length + 1;
        int pad = (64 - total % 64) % 64;
        var header = encoded.Concat(Enumerable.Repeat((byte)' ', pad)).Append((byte)'\n').ToArray();
        var bytes = new byte[prefix + header.Length + data.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 }.CopyTo(bytes, 0);
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)header.Length);
        header.CopyTo(bytes, prefix);
        data.CopyTo(bytes, prefix + header.Length);
        return bytes;
    }

    private static byte[] Floats(int n, int itemSize)
    {
        var data = new byte[n * itemSize];
        for (int i = 0; i < n; i++)
            if (itemSize == 4) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), 0.77f + i);
            else BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * i), -1.5 * i);
        return data;
    }

    private static readonly (string Dict, byte[] Data, int Major)[] NpySeeds =
    [
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", Floats(12, 4), 1),
        ("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", Floats(6, 8), 1),
        ("{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }", Floats(5, 8), 2),
        ("{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3), }", [0, 1, 2, 0, 255, 1], 1),
        ("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }", [1, 2, 3, 250, 251, 252], 3),
        ("{'descr': '<i4', 'fortran_order': False, 'shape': (), }", [1, 0, 0, 128], 1),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }", [], 1),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }", Floats(5, 4), 3),
    ];

    [Fact]
    public void Npy()
    {
        var random = new Random(FuzzSettings.Seed(15_001));
        var seeds = NpySeeds.Select(s => NpyFile(s.Dict, s.Data, s.Major)).ToArray();
        var mutator = new Mutator(random, NpyTokens);
        // Restructured: a token replaced in the dict, the header re-padded and its length fixed, so the dict parser is reached.
        byte[] Restructure(byte[] _, int s, Random r)
        {
            var seed = NpySeeds[s];
            var dict = Encoding.Latin1.GetBytes(seed.Dict);
            var mutated = mutator.Token(dict)?.Item1 ?? dict;
            return NpyFile(Encoding.Latin1.GetString(mutated), r.Next(4) == 0 ? seed.Data[..r.Next(seed.Data.Length + 1)] : seed.Data, seed.Major);
        }
        using var dir = new TempDirectory();
        string path = dir.File("fuzz.npy");
        var run = new FuzzRun("npy", HangLimit);
        foreach (var (bytes, what, _) in Inputs(seeds, mutator, random, Restructure))
        {
            File.WriteAllBytes(path, bytes);
            run.Run(what, bytes.Length, () => NpyReference.Read(bytes)?.Matches(Nabla.IO.Npy.Load(path)) ?? Loaded(() => Nabla.IO.Npy.Load(path)),
                e => NamesFile(e, path), bytes);
        }
        run.AssertClean(output);
    }

    /// <summary>Where the reference refuses: loading must fail too (returns false, a silent accept, if it loads).</summary>
    private static bool Loaded(Func<object> load)
    {
        load();
        return false;
    }

    // ---- npz ----

    [Fact]
    public void Npz()
    {
        var random = new Random(FuzzSettings.Seed(15_002));
        using var dir = new TempDirectory();
        var arrays = new Dictionary<string, Tensor>
        {
            ["a"] = Tensor.FromArray(Enumerable.Range(0, 12).Select(i => 0.77f + i).ToArray()).Reshape(3, 4),
            ["l0/W"] = Tensor.FromArray(new long[] { 1, -2, 3, -4, 5 }),
            ["e"] = Tensor.Zeros(0, 3),
        };
        var seeds = new[] { false, true }.Select(compressed =>
        {
            string p = dir.File($"seed-{compressed}.npz");
            Nabla.IO.Npz.Save(p, arrays, compressed);
            return File.ReadAllBytes(p);
        }).ToArray();
        var mutator = new Mutator(random, NpyTokens);
        string path = dir.File("fuzz.npz");
        var run = new FuzzRun("npz", HangLimit);
        foreach (var (bytes, what, _) in Inputs(seeds, mutator, random, (b, _, _) => NpzReference.WithFixedCrcs(b)))
        {
            File.WriteAllBytes(path, bytes);
            run.Run(what, bytes.Length, () =>
            {
                var reference = NpzReference.Read(bytes);
                if (reference is null) return Loaded(() => Nabla.IO.Npz.Load(path));
                var loaded = Nabla.IO.Npz.Load(path);
                return loaded.Count == reference.Count && reference.All(kv => loaded.TryGetValue(kv.Key, out var t) && kv.Value.Matches(t));
            }, e => NamesFile(e, path), bytes);
        }
        run.AssertClean(output);
    }

    // ---- safetensors ----

    private static readonly (string, string[])[] SafeTensorsTokens =
    [
        ("\"F32\"", ["\"F16\"", "\"BF16\"", "\"U8\"", "\"f32\"", "\"F64\"", "\"I64\"", "\"BOOL\"", "3", "null", "\"F32\\u0000\""]),
        ("[3,4]", ["[2147483647,2147483647]", "[-1,4]", "[2147483647,2,0]", "[0,2,2147483647]", "[4611686018427387904,4]", "[3.0,4]", "[1e2]", "[]", "[12]", "[4,3]",
            "[3,4,1]", "[9223372036854775807,2]", "[18446744073709551616]", "{}", "[3,\"4\"]", new string('[', 100) + new string(']', 100)]),
        ("\"data_offsets\":[0,", ["\"data_offsets\":[99999999999,", "\"data_offsets\":[-1,", "\"data_offsets\":[18446744073709551615,", "\"data_offsets\":[1,", "\"data_offsets\":[0,0,"]),
        ("48]", ["4800]", "47]", "9223372036854775807]", "48,49]", "0]"]),
        ("\"w\"", ["\"\u00ff\"", "\"\\ud800\"", "\"\\udc00x\"", "\"__metadata__\"", "\"b\"", "\"\u00c3\u0028\"", "\"\\u0077\""]),
        ("\"v\"", ["\"\\ud83d\"", "\"\u00e9\u00ff\"", "1", "{}"]),
        ("__metadata__", ["__metadata_", "\\u005f_metadata__"]),
        ("{\"", ["{" + string.Concat(Enumerable.Repeat("\"a\":{", 80)) + "\"", "{ \"", "[\""]),
    ];

    private static byte[] SafeTensorsFile(string json, byte[] data)
    {
        var header = Encoding.Latin1.GetBytes(json);
        header = [.. header, .. Enumerable.Repeat((byte)' ', (8 - header.Length % 8) % 8)];
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    [Fact]
    public void SafeTensors()
    {
        var random = new Random(FuzzSettings.Seed(15_003));
        var data = Floats(12, 4).Concat(Floats(2, 8)).Concat(new byte[] { 1, 0, 7 }).ToArray();
        var jsons = new[]
        {
            "{\"__metadata__\":{\"k\":\"v\"},\"w\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,48]},\"b\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[48,64]},"
                + "\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[64,67]}}",
            "{\"e\":{\"dtype\":\"F64\",\"shape\":[0,3],\"data_offsets\":[0,0]},\"w\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,48]}}",
        };
        var seedData = new[] { data, data[..48] };
        var seeds = jsons.Select((j, i) => SafeTensorsFile(j, seedData[i])).ToArray();
        var mutator = new Mutator(random, SafeTensorsTokens);
        byte[] Restructure(byte[] _, int s, Random r)
        {
            var json = Encoding.Latin1.GetBytes(jsons[s]);
            var mutated = mutator.Token(json)?.Item1 ?? json;
            return SafeTensorsFile(Encoding.Latin1.GetString(mutated), r.Next(4) == 0 ? seedData[s][..r.Next(seedData[s].Length + 1)] : seedData[s]);
        }
        using var dir = new TempDirectory();
        string path = dir.File("fuzz.safetensors");
        var run = new FuzzRun("safetensors", HangLimit);
        foreach (var (bytes, what, _) in Inputs(seeds, mutator, random, Restructure))
        {
            File.WriteAllBytes(path, bytes);
            run.Run(what, bytes.Length, () =>
            {
                var reference = SafeTensorsReference.Read(bytes);
                if (reference is null) return Loaded(() => Nabla.IO.SafeTensors.Load(path));
                var loaded = Nabla.IO.SafeTensors.Load(path);
                return loaded.Count == reference.Count && reference.All(kv => loaded.TryGetValue(kv.Key, out var t) && kv.Value.Matches(t));
            }, e => NamesFile(e, path), bytes);
        }
        run.AssertClean(output);
    }

    // ---- IDX, raw and gzipped ----

    private static readonly (byte[] Bytes, int Dims)[] IdxSeeds =
    [
        (IdxFiles.Bytes(Enumerable.Range(0, 40).Select(i => (byte)(i % 10)).ToArray(), 40), 1),
        (IdxFiles.Bytes(Enumerable.Range(0, 60).Select(i => (byte)(i * 7)).ToArray(), 3, 4, 5), 3),
        (IdxFiles.Bytes([], 0, 28, 28), 3),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Idx(bool gzip)
    {
        var random = new Random(FuzzSettings.Seed(gzip ? 15_005 : 15_004));
        var seeds = IdxSeeds.Select(s => gzip ? IdxFiles.Gzip(s.Bytes) : s.Bytes).ToArray();
        using var dir = new TempDirectory();
        string path = dir.File(gzip ? "fuzz-idx-ubyte.gz" : "fuzz-idx-ubyte");
        var run = new FuzzRun(gzip ? "idx-gz" : "idx", HangLimit);
        foreach (var (bytes, what, s) in Inputs(seeds, new Mutator(random, []), random))
        {
            File.WriteAllBytes(path, bytes);
            int dims = IdxSeeds[s].Dims;
            run.Run(what, bytes.Length, () =>
            {
                // Gzip's CRC-32 covers the content: whatever a mutated .gz is accepted as must be the original content.
                var reference = IdxReference.Read(gzip ? IdxSeeds[s].Bytes : bytes, dims);
                if (reference is null || (gzip && !IsGzipOf(bytes, IdxSeeds[s].Bytes))) return Loaded(() => IdxReader.Read(path, dims, "Fuzz"));
                var (shape, data) = IdxReader.Read(path, dims, "Fuzz");
                return shape.SequenceEqual(reference.Value.Shape) && data.SequenceEqual(reference.Value.Data);
            }, e => NamesFile(e, path), bytes);
        }
        run.AssertClean(output);
    }

    /// <summary>
    /// Whether the bytes are a gzip of <paramref name="content"/> by the reference's own reading: gunzip and compare,
    /// with the last 8 bytes the CRC-32 and length of the content (one member). Mutations that keep the content (the
    /// header's time or OS byte) are accepted, as by gzip -t.
    /// </summary>
    private static bool IsGzipOf(byte[] bytes, byte[] content)
    {
        if (bytes.Length < 18 || bytes[0] != 0x1f || bytes[1] != 0x8b || bytes[2] != 8) return false;
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 8)) != NpzReference.BitwiseCrc(content)) return false;
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)) != (uint)content.Length) return false;
        try
        {
            using var gz = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gz.CopyTo(memory);
            return memory.ToArray().AsSpan().SequenceEqual(content);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    // ---- Expr.Parse ----

    private static readonly string[] Formulas =
    [
        "sin(x)*exp(x)", "x^2*y + sin(x*y)", "-x^-2", "2**3**-x", "tanh(x)/(1 + sigmoid(y))", "sqrt(abs(x - 1.5e-3))", "log(x) - sign(y)*cos(.5)",
        "((x))", "3.25e+2*x_1", "-(-(+x))", "x/y/z*w",
    ];

    private static readonly (string, string[])[] ExprTokens =
    [
        ("x", ["((((x))))", "\U0001F600", "\uD83D", "\uDE00x", "x\u0000", "xx", "sin", "sin(x", "1e400", "(" + new string('-', 250) + "x)"]),
        ("(", ["((", "( (", "[", "sin(", "cosh("]),
        (")", ["))", "", ") )"]),
        ("*", ["**", "***", "* *", "^", "//"]),
        ("2", ["2e", "2.5.3", "1e308", "1e309", "0x2", ".", "2e+"]),
    ];

    private static string Generated(Random r) => r.Next(8) switch
    {
        0 => new string('(', ExprLimits.MaxNesting - 2 + r.Next(5)) + "x" + new string(')', ExprLimits.MaxNesting - 2 + r.Next(5)),
        1 => new string('-', ExprLimits.MaxNesting - 2 + r.Next(5)) + "x",
        2 => string.Concat(Enumerable.Repeat("sin(", ExprLimits.MaxNesting - 2 + r.Next(5))) + "x" + new string(')', ExprLimits.MaxNesting + 1),
        3 => string.Join(r.Next(2) == 0 ? "*" : " + ", Enumerable.Repeat("x", ExprLimits.MaxDepth - 2 + r.Next(5))),
        4 => string.Join("^", Enumerable.Repeat("x", ExprLimits.MaxNesting - 2 + r.Next(5))),
        5 => "x + " + new string('y', 50_000 + r.Next(100_000)) + " $",
        6 => "x * " + new string('9', 300 + r.Next(400)),
        _ => "x + " + char.ConvertFromUtf32(0x1F600 + r.Next(50)) + (r.Next(2) == 0 ? "\uD83D" : "") + " y",
    };

    [Fact]
    public void ExprParse()
    {
        var random = new Random(FuzzSettings.Seed(15_006));
        var mutator = new Mutator(random, ExprTokens.Select(t => (t.Item1, t.Item2.Select(s => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(s))).ToArray())).ToArray());
        var run = new FuzzRun("Expr.Parse", HangLimit);
        int inputs = FuzzSettings.Inputs(CiInputs);
        var seeds = Formulas.Select(f => Encoding.UTF8.GetBytes(f)).ToArray();
        for (int i = 0; i < inputs; i++)
        {
            string text;
            string what;
            if (random.Next(6) == 0)
            {
                text = Generated(random);
                what = $"generated, {text.Length} characters";
            }
            else
            {
                int s = random.Next(seeds.Length);
                var (bytes, how) = mutator.Mutate(seeds[s]);
                text = Encoding.UTF8.GetString(bytes);
                if (random.Next(8) == 0) text = text.Insert(random.Next(text.Length + 1), random.Next(2) == 0 ? "\uD83D" : "\U0001F600");
                what = $"formula {s}: {how}";
            }
            run.Run($"{what}: {(text.Length <= 80 ? text : text[..80] + "...")}", Encoding.UTF8.GetByteCount(text) + 64, () => Agrees(text), IsCleanParseError);
        }
        run.AssertClean(output);
    }

    /// <summary>An accepted formula prints, reads back to the same text, and has the value of the reference's reading.</summary>
    private static bool Agrees(string text)
    {
        var e = Expr.Parse(text);
        string printed = e.ToString();
        if (Expr.Parse(printed).ToString() != printed) return false;
        var reference = ExprReference.Evaluate(text);
        if (reference is null) return false;
        var bindings = e.Variables().Select(v => (v, ExprReference.Value(v))).ToArray();
        return ExprReference.Agree(e.Evaluate(bindings), reference.Value);
    }

    /// <summary>The documented exception, with a short message that is valid Unicode.</summary>
    private static bool IsCleanParseError(Exception e) =>
        e is ExprParseException p && p.Message.Length <= 400 && !HasLoneSurrogate(p.Message);

    private static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }
}
