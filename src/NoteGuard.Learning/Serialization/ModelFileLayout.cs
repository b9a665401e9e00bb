namespace NoteGuard.Learning.Serialization;

/// <summary>Byte layout constants of the model file format (see docs/model-format.md).</summary>
internal static class ModelFileLayout
{
    /// <summary>"NGMODEL\0".</summary>
    public static ReadOnlySpan<byte> Magic => "NGMODEL\0"u8;

    public const int MagicOffset = 0;
    public const int VersionOffset = 8;
    public const int FlagsOffset = 12;
    public const int HeaderLengthOffset = 16;
    public const int DataLengthOffset = 24;

    /// <summary>Size of the fixed preamble; the JSON header starts here.</summary>
    public const int PreambleSize = 32;

    /// <summary>Tensor data and every tensor inside it start on a multiple of this many bytes.</summary>
    public const int Alignment = 64;

    /// <summary>Size of the trailing SHA-256 digest.</summary>
    public const int ChecksumSize = 32;

    /// <summary>Smallest possible file: preamble, a JSON header of at least 2 bytes padded to 64, no data, checksum.</summary>
    public const int MinFileSize = Alignment + ChecksumSize;

    /// <summary>Largest JSON header accepted (64 MiB), whatever the file size.</summary>
    public const long MaxHeaderLength = 64L << 20;

    /// <summary>Deepest JSON nesting accepted in the header.</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Longest <see cref="ModelFile.Kind"/> accepted, in characters.</summary>
    public const int MaxKindLength = 256;

    public static long AlignUp(long value) => (value + (Alignment - 1)) & ~(long)(Alignment - 1);

    /// <summary>Offset where tensor data starts for a header of <paramref name="headerLength"/> bytes.</summary>
    public static long DataStart(long headerLength) => AlignUp(PreambleSize + headerLength);
}
