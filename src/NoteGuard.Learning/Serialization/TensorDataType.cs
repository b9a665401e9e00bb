namespace NoteGuard.Learning.Serialization;

/// <summary>Element type of a <see cref="StoredTensor"/>. Stored little-endian in model files.</summary>
public enum TensorDataType
{
    /// <summary>IEEE 754 binary32 (4 bytes), name <c>float32</c> in the file header.</summary>
    Float32,

    /// <summary>IEEE 754 binary64 (8 bytes), name <c>float64</c> in the file header.</summary>
    Float64,

    /// <summary>Two's-complement 32-bit integer (4 bytes), name <c>int32</c> in the file header.</summary>
    Int32,

    /// <summary>Two's-complement 64-bit integer (8 bytes), name <c>int64</c> in the file header.</summary>
    Int64,

    /// <summary>Unsigned 8-bit integer (1 byte), name <c>uint8</c> in the file header.</summary>
    UInt8,

    /// <summary>
    /// IEEE 754 binary16 (2 bytes, <see cref="Half"/>), name <c>float16</c> in the file header; needs model format
    /// version 2 (<see cref="ModelFile.Float16Version"/>).
    /// </summary>
    Float16,
}

/// <summary>Sizes and file-header names of <see cref="TensorDataType"/> values.</summary>
public static class TensorDataTypeExtensions
{
    /// <summary>Size of one element in bytes (1, 2, 4 or 8).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="TensorDataType"/>.</exception>
    public static int ElementSize(this TensorDataType type) => type switch
    {
        TensorDataType.Float32 => 4,
        TensorDataType.Float64 => 8,
        TensorDataType.Int32 => 4,
        TensorDataType.Int64 => 8,
        TensorDataType.UInt8 => 1,
        TensorDataType.Float16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown tensor data type."),
    };

    /// <summary>The lower-case name used in the model file header: <c>float32</c>, <c>float64</c>, <c>int32</c>, <c>int64</c>, <c>uint8</c>, <c>float16</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="TensorDataType"/>.</exception>
    public static string ToFileName(this TensorDataType type) => type switch
    {
        TensorDataType.Float32 => "float32",
        TensorDataType.Float64 => "float64",
        TensorDataType.Int32 => "int32",
        TensorDataType.Int64 => "int64",
        TensorDataType.UInt8 => "uint8",
        TensorDataType.Float16 => "float16",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown tensor data type."),
    };

    /// <summary>Parses a file-header type name (exact, lower-case); false for anything else.</summary>
    public static bool TryParseFileName(string? name, out TensorDataType type)
    {
        switch (name)
        {
            case "float32":
                type = TensorDataType.Float32;
                return true;
            case "float64":
                type = TensorDataType.Float64;
                return true;
            case "int32":
                type = TensorDataType.Int32;
                return true;
            case "int64":
                type = TensorDataType.Int64;
                return true;
            case "uint8":
                type = TensorDataType.UInt8;
                return true;
            case "float16":
                type = TensorDataType.Float16;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
