namespace NoteGuard.Imaging.Formats.Png;

/// <summary>
/// A read-only stream that presents the payloads of consecutive IDAT chunks as one zlib stream (PNG spec 10.1)
/// without copying them. It reads from memory that the caller keeps pinned for the stream's lifetime.
/// </summary>
internal sealed unsafe class PngIdatStream : Stream
{
    private readonly byte* _data;
    private readonly List<(int Offset, int Length)> _segments;
    private int _segment;
    private int _positionInSegment;

    public PngIdatStream(byte* data, List<(int Offset, int Length)> segments)
    {
        _data = data;
        _segments = segments;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length && _segment < _segments.Count)
        {
            var (offset, length) = _segments[_segment];
            int available = length - _positionInSegment;
            if (available == 0)
            {
                _segment++;
                _positionInSegment = 0;
                continue;
            }

            int take = Math.Min(available, buffer.Length - written);
            new ReadOnlySpan<byte>(_data + offset + _positionInSegment, take).CopyTo(buffer[written..]);
            written += take;
            _positionInSegment += take;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
