using System.Buffers.Binary;

namespace NoteGuard.Imaging.Formats.Png;

/// <summary>Writes framed chunks (length, type, data, CRC-32) and, as a stream, splits a zlib stream into IDAT chunks.</summary>
internal sealed class PngChunkWriter : Stream
{
    /// <summary>Payload size of every IDAT chunk but the last.</summary>
    public const int IdatChunkSize = 64 * 1024;

    private static readonly byte[] s_idatType = "IDAT"u8.ToArray();

    private readonly Stream _output;
    private readonly byte[] _pending = new byte[IdatChunkSize];
    private int _pendingCount;

    public PngChunkWriter(Stream output)
    {
        _output = output;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Writes one complete chunk of type <paramref name="type"/> (four ASCII letters).</summary>
    public static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> frame = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)data.Length);
        type.CopyTo(frame[4..]);
        output.Write(frame);
        output.Write(data);
        uint crc = ~PngCrc32.Update(PngCrc32.Update(0xFFFFFFFFu, type), data);
        BinaryPrimitives.WriteUInt32BigEndian(frame, crc);
        output.Write(frame[..4]);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int take = Math.Min(buffer.Length, IdatChunkSize - _pendingCount);
            buffer[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            buffer = buffer[take..];
            if (_pendingCount == IdatChunkSize)
            {
                Flush();
            }
        }
    }

    /// <summary>Emits the buffered bytes as one IDAT chunk (nothing when empty).</summary>
    public override void Flush()
    {
        if (_pendingCount > 0)
        {
            WriteChunk(_output, s_idatType, _pending.AsSpan(0, _pendingCount));
            _pendingCount = 0;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
