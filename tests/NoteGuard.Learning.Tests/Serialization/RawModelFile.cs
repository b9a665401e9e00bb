using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NoteGuard.Learning.Tests.Serialization;

/// <summary>
/// Builds model files byte by byte, independently of <c>ModelFileWriter</c>, so tests can craft files that lie
/// in one precise way while everything else (including the checksum) stays valid.
/// </summary>
internal static class RawModelFile
{
    public const int PreambleSize = 32;
    public const int ChecksumSize = 32;

    public static byte[] Build(
        string json,
        byte[]? data = null,
        uint version = 1,
        uint flags = 0,
        ulong? headerLength = null,
        ulong? dataLength = null,
        bool seal = true)
    {
        return Build(Encoding.UTF8.GetBytes(json), data, version, flags, headerLength, dataLength, seal);
    }

    public static byte[] Build(
        byte[] header,
        byte[]? data = null,
        uint version = 1,
        uint flags = 0,
        ulong? headerLength = null,
        ulong? dataLength = null,
        bool seal = true)
    {
        data ??= [];
        int dataStart = AlignUp(PreambleSize + header.Length);
        byte[] file = new byte[dataStart + data.Length + ChecksumSize];
        "NGMODEL\0"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), version);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), flags);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(16), headerLength ?? (ulong)header.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(24), dataLength ?? (ulong)data.Length);
        header.CopyTo(file, PreambleSize);
        data.CopyTo(file, dataStart);
        if (seal)
        {
            Seal(file);
        }

        return file;
    }

    /// <summary>Recomputes the trailing SHA-256 so a deliberately damaged file still passes the checksum.</summary>
    public static byte[] Seal(byte[] file)
    {
        if (file.Length >= ChecksumSize)
        {
            SHA256.HashData(file.AsSpan(0, file.Length - ChecksumSize), file.AsSpan(file.Length - ChecksumSize));
        }

        return file;
    }

    /// <summary>The JSON header text of a well-formed file.</summary>
    public static string HeaderText(byte[] file)
    {
        int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(16)));
        return Encoding.UTF8.GetString(file, PreambleSize, length);
    }

    /// <summary>The tensor data section of a well-formed file.</summary>
    public static byte[] DataSection(byte[] file)
    {
        int headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(16)));
        int dataLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(24)));
        return file.AsSpan(AlignUp(PreambleSize + headerLength), dataLength).ToArray();
    }

    /// <summary>Rebuilds a well-formed file with its JSON header text replaced (data kept, checksum resealed).</summary>
    public static byte[] WithHeader(byte[] file, Func<string, string> edit) => Build(edit(HeaderText(file)), DataSection(file));

    public static int AlignUp(int value) => (value + 63) & ~63;
}
