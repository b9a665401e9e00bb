using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace NoteGuard.Inspection.Training;

/// <summary>
/// Writes TensorBoard event files (<c>events.out.tfevents.&lt;seconds&gt;.&lt;host&gt;</c>) with scalar summaries, readable
/// by TensorBoard's scalar dashboard. Each record is TFRecord-framed: little-endian uint64 length, masked CRC-32C of the
/// length, the serialized <c>Event</c> protocol buffer, masked CRC-32C of the data. Every record is flushed as it is
/// written so a crashed run keeps the curves it had.
/// </summary>
public sealed class TensorBoardWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly TimeProvider _clock;

    /// <summary>
    /// Creates <paramref name="logDirectory"/> if needed and opens a new event file in it.
    /// Throws <see cref="IOException"/> when the folder or file cannot be written.
    /// </summary>
    public TensorBoardWriter(string logDirectory, TimeProvider? clock = null)
    {
        Guard.NotNull(logDirectory);
        _clock = clock ?? TimeProvider.System;
        Directory.CreateDirectory(logDirectory);
        long seconds = _clock.GetUtcNow().ToUnixTimeSeconds();
        string host = string.Concat(Environment.MachineName.Where(char.IsLetterOrDigit));
        FilePath = Path.Combine(logDirectory, string.Create(CultureInfo.InvariantCulture, $"events.out.tfevents.{seconds}.{(host.Length > 0 ? host : "localhost")}"));
        _stream = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        WriteEvent(step: 0, payload: EventFileVersion());
    }

    /// <summary>The event file being written.</summary>
    public string FilePath { get; }

    /// <summary>Records scalar <paramref name="tag"/> (e.g. <c>loss/train</c>) = <paramref name="value"/> at <paramref name="step"/> (e.g. the epoch).</summary>
    public void AddScalar(string tag, double value, long step)
    {
        Guard.NotNull(tag);
        Guard.IsTrue(tag.Length > 0, "A scalar needs a tag.");
        WriteEvent(step, ScalarSummary(tag, (float)value));
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _stream.Dispose();

    private void WriteEvent(long step, byte[] payload)
    {
        // Event { double wall_time = 1; int64 step = 2; oneof what { string file_version = 3; Summary summary = 5; } }
        var proto = new ProtoWriter();
        proto.WriteDouble(1, _clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        proto.WriteVarint(2, (ulong)step);
        proto.WriteRaw(payload);
        byte[] data = proto.ToArray();

        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Masked(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Masked(data));
        _stream.Write(header);
        _stream.Write(data);
        _stream.Write(footer);
        _stream.Flush();
    }

    private static byte[] EventFileVersion()
    {
        var proto = new ProtoWriter();
        proto.WriteBytes(3, Encoding.UTF8.GetBytes("brain.Event:2"));
        return proto.ToArray();
    }

    private static byte[] ScalarSummary(string tag, float value)
    {
        // Summary { repeated Value value = 1; }  Value { string tag = 1; float simple_value = 2; }
        var scalar = new ProtoWriter();
        scalar.WriteBytes(1, Encoding.UTF8.GetBytes(tag));
        scalar.WriteFloat(2, value);
        var summary = new ProtoWriter();
        summary.WriteBytes(1, scalar.ToArray());
        var field = new ProtoWriter();
        field.WriteBytes(5, summary.ToArray());
        return field.ToArray();
    }

    /// <summary>The few protocol-buffer wire encodings an Event needs.</summary>
    private sealed class ProtoWriter
    {
        private readonly MemoryStream _buffer = new();

        public void WriteVarint(int field, ulong value)
        {
            WriteTag(field, wireType: 0);
            WriteRawVarint(value);
        }

        public void WriteDouble(int field, double value)
        {
            WriteTag(field, wireType: 1);
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
            _buffer.Write(bytes);
        }

        public void WriteFloat(int field, float value)
        {
            WriteTag(field, wireType: 5);
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
            _buffer.Write(bytes);
        }

        public void WriteBytes(int field, ReadOnlySpan<byte> value)
        {
            WriteTag(field, wireType: 2);
            WriteRawVarint((ulong)value.Length);
            _buffer.Write(value);
        }

        public void WriteRaw(ReadOnlySpan<byte> encodedFields) => _buffer.Write(encodedFields);

        public byte[] ToArray() => _buffer.ToArray();

        private void WriteTag(int field, int wireType) => WriteRawVarint((ulong)((field << 3) | wireType));

        private void WriteRawVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _buffer.WriteByte((byte)value);
        }
    }
}
