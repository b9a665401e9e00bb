using System.Buffers.Binary;
using System.Text;

namespace NoteGuard.Inspection.Tests.Training;

/// <summary>A TFRecord + Event reader written from the format description, independent of the writer's code.</summary>
internal static class TensorBoardEvents
{
    public sealed record Event(double WallTime, long Step, string? FileVersion, string? Tag, float Value);

    /// <summary>Reads every record of an event file, checking both CRCs of each (InvalidDataException on a mismatch).</summary>
    public static List<Event> Read(byte[] file)
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

    public static uint BitwiseCrc32C(ReadOnlySpan<byte> data)
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
