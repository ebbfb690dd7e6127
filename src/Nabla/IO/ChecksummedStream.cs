using Nabla.Data;

namespace Nabla.IO;

/// <summary>
/// A read-only view of a stream that counts the bytes read and their CRC-32, and refuses to read more than
/// <c>limit + 1</c> bytes, so a stream that decompresses to more than its header says cannot run away.
/// </summary>
internal sealed class ChecksummedStream(Stream inner, long limit) : Stream
{
    /// <summary>The bytes read so far.</summary>
    public long Count { get; private set; }

    /// <summary>The CRC-32 of the bytes read so far.</summary>
    public uint Crc { get; private set; }

    /// <summary>Reads to the end (or one byte past <c>limit</c>) so that <see cref="Count"/> and <see cref="Crc"/> cover everything.</summary>
    public void Drain()
    {
        Span<byte> buffer = stackalloc byte[8192];
        while (Read(buffer) > 0)
        {
        }
    }

    public override int Read(Span<byte> buffer)
    {
        long room = limit + 1 - Count;
        if (room <= 0) return 0;
        int n = inner.Read(buffer[..(int)Math.Min(buffer.Length, room)]);
        Crc = Crc32.Update(Crc, buffer[..n]);
        Count += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Count; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
