using System.Buffers.Binary;
using System.Text;
using NoteGuard.Inspection.Training;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Training;

public sealed class TensorBoardWriterTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Crc32CMatchesTheStandardCheckValue()
    {
        // CRC-32C check value from the Castagnoli CRC catalogue: "123456789" -> 0xE3069283.
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0xE3069283u, BitwiseCrc32C("123456789"u8));
    }

    [Fact]
    public void WritesFramedEventsThatAnIndependentReaderAccepts()
    {
        string path;
        using (var writer = new TensorBoardWriter(_dir))
        {
            writer.AddScalar("loss/train", 0.75, step: 1);
            writer.AddScalar("accuracy/validation", 0.5, step: 1);
            writer.AddScalar("loss/train", 0.25, step: 2);
            path = writer.FilePath;
        }

        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(path), StringComparison.Ordinal);
        var events = ReadEvents(File.ReadAllBytes(path));
        Assert.Equal(4, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal(("loss/train", 0.75f, 1L), (events[1].Tag, events[1].Value, events[1].Step));
        Assert.Equal(("accuracy/validation", 0.5f, 1L), (events[2].Tag, events[2].Value, events[2].Step));
        Assert.Equal(("loss/train", 0.25f, 2L), (events[3].Tag, events[3].Value, events[3].Step));
        Assert.All(events, e => Assert.InRange(e.WallTime, 1.6e9, 4.0e9));
    }

    [Fact]
    public void ACorruptedByteIsCaughtByTheRecordCrc()
    {
        string path;
        using (var writer = new TensorBoardWriter(_dir))
        {
            writer.AddScalar("loss/train", 1.0, step: 1);
            path = writer.FilePath;
        }

        byte[] bytes = File.ReadAllBytes(path);
        bytes[^6] ^= 0x01; // inside the last record's data
        Assert.Throws<InvalidDataException>(() => ReadEvents(bytes));
    }

    private sealed record Event(double WallTime, long Step, string? FileVersion, string? Tag, float Value);

    /// <summary>A TFRecord + Event reader written from the format description, checking both CRCs of every record.</summary>
    private static List<Event> ReadEvents(byte[] file)
    {
        var events = new List<Event>();
        int at = 0;
        while (at < file.Length)
        {
            var lengthBytes = file.AsSpan(at, 8);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8, 4)) != Mask(BitwiseCrc32C(lengthBytes)))
            {
                throw new InvalidDataException("length CRC mismatch at " + at);
            }

            var data = file.AsSpan(at + 12, (int)length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + (int)length, 4)) != Mask(BitwiseCrc32C(data)))
            {
                throw new InvalidDataException("data CRC mismatch at " + at);
            }

            events.Add(ParseEvent(data));
            at += 12 + (int)length + 4;
        }

        return events;
    }

    private static Event ParseEvent(ReadOnlySpan<byte> data)
    {
        double wall = 0;
        long step = 0;
        string? version = null;
        string? tag = null;
        float value = float.NaN;
        int i = 0;
        while (i < data.Length)
        {
            ulong key = ReadVarint(data, ref i);
            switch (key)
            {
                case (1 << 3) | 1:
                    wall = BinaryPrimitives.ReadDoubleLittleEndian(data[i..]);
                    i += 8;
                    break;
                case (2 << 3) | 0:
                    step = (long)ReadVarint(data, ref i);
                    break;
                case (3 << 3) | 2:
                    version = Encoding.UTF8.GetString(ReadBytes(data, ref i));
                    break;
                case (5 << 3) | 2:
                    var summary = ReadBytes(data, ref i);
                    int j = 0;
                    Assert.Equal((1UL << 3) | 2, ReadVarint(summary, ref j));
                    var scalar = ReadBytes(summary, ref j);
                    int k = 0;
                    Assert.Equal((1UL << 3) | 2, ReadVarint(scalar, ref k));
                    tag = Encoding.UTF8.GetString(ReadBytes(scalar, ref k));
                    Assert.Equal((2UL << 3) | 5, ReadVarint(scalar, ref k));
                    value = BinaryPrimitives.ReadSingleLittleEndian(scalar[k..]);
                    break;
                default:
                    throw new InvalidDataException("unexpected field key " + key);
            }
        }

        return new Event(wall, step, version, tag, value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int i)
    {
        ulong result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[i++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> data, ref int i)
    {
        int length = (int)ReadVarint(data, ref i);
        var slice = data.Slice(i, length);
        i += length;
        return slice;
    }

    private static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;

    private static uint BitwiseCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
