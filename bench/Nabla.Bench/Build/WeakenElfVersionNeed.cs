// MSBuild inline task (compiled by RoslynCodeTaskFactory, not part of the bench program): marks one
// version requirement of an ELF64 little-endian shared library as weak. See WeakGlibcxx.targets for why.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class WeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            try { Patch(item.ItemSpec); }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is ArgumentException)
            {
                Log.LogError($"WeakenElfVersionNeed: {item.ItemSpec}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private void Patch(string path)
    {
        byte[] b = File.ReadAllBytes(path);
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (b[4] != 2 || b[5] != 1 || !BitConverter.IsLittleEndian)
            throw new InvalidDataException($"only ELF64 little-endian is handled (class {b[4]}, data {b[5]})");
        long shoff = (long)BitConverter.ToUInt64(b, 0x28);
        int shentsize = BitConverter.ToUInt16(b, 0x3A), shnum = BitConverter.ToUInt16(b, 0x3C);
        int found = 0, changed = 0;
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (BitConverter.ToUInt32(b, (int)sh + 4) != ShtGnuVerneed) continue;
            long strtab = SectionOffset(b, shoff, shentsize, BitConverter.ToUInt32(b, (int)sh + 0x28));
            WalkVerneed(b, (long)BitConverter.ToUInt64(b, (int)sh + 0x18), BitConverter.ToUInt32(b, (int)sh + 0x2C),
                strtab, ref found, ref changed);
        }
        if (found == 0)
        {
            Log.LogMessage(MessageImportance.Normal, $"WeakenElfVersionNeed: {path} does not ask for {Version}; left as is");
            return;
        }
        if (changed > 0) Replace(path, b);
        Log.LogMessage(MessageImportance.High,
            $"WeakenElfVersionNeed: {path}: {Version} marked weak ({changed} changed, {found - changed} already weak)");
    }

    private static long SectionOffset(byte[] b, long shoff, int shentsize, uint index) =>
        (long)BitConverter.ToUInt64(b, (int)(shoff + index * shentsize) + 0x18);

    // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
    // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
    private void WalkVerneed(byte[] b, long p, uint count, long strtab, ref int found, ref int changed)
    {
        for (uint n = 0; n < count; n++)
        {
            int cnt = BitConverter.ToUInt16(b, (int)p + 2);
            long a = p + BitConverter.ToUInt32(b, (int)p + 8);
            for (int j = 0; j < cnt; j++)
            {
                if (CString(b, strtab + BitConverter.ToUInt32(b, (int)a + 8)) == Version)
                {
                    found++;
                    ushort flags = BitConverter.ToUInt16(b, (int)a + 4);
                    if ((flags & VerFlgWeak) == 0)
                    {
                        byte[] nf = BitConverter.GetBytes((ushort)(flags | VerFlgWeak));
                        b[a + 4] = nf[0];
                        b[a + 5] = nf[1];
                        changed++;
                    }
                }
                a += BitConverter.ToUInt32(b, (int)a + 12);
            }
            p += BitConverter.ToUInt32(b, (int)p + 12);
        }
    }

    private static string CString(byte[] b, long at)
    {
        long end = at;
        while (end < b.Length && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, (int)at, (int)(end - at));
    }

    // Write a new file and move it into place, so that a hard link into the package cache is never written through.
    private static void Replace(string path, byte[] b)
    {
        string tmp = path + ".weak.tmp";
        File.WriteAllBytes(tmp, b);
        File.Delete(path);
        File.Move(tmp, path);
    }
}
