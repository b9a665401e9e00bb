using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.InteropServices;

namespace NoteGuard.Learning.Serialization;

/// <summary>
/// A named, typed, dense tensor held in a <see cref="ModelFile"/>: a shape (row-major, last dimension fastest) and
/// a flat array of elements. The tensor does not copy: the constructor keeps the array it is given and the
/// <c>As…</c> accessors return that same array, so large weights are never duplicated. Treat the array as owned
/// by the tensor once it is stored.
/// </summary>
public sealed class StoredTensor
{
    /// <summary>Longest tensor name accepted, in UTF-16 characters.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>Largest number of dimensions accepted.</summary>
    public const int MaxRank = 32;

    private readonly Array _data;
    private readonly ReadOnlyCollection<int> _shape;

    /// <summary>Creates a <see cref="TensorDataType.Float32"/> tensor.</summary>
    /// <param name="name">Non-empty name, at most <see cref="MaxNameLength"/> characters, no control characters or unpaired surrogates.</param>
    /// <param name="shape">Dimensions, each ≥ 0, at most <see cref="MaxRank"/> of them; an empty shape is a scalar (one element).</param>
    /// <param name="data">The elements, row-major; its length must equal the product of <paramref name="shape"/>. Kept, not copied.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is invalid or the data length does not match the shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the rank exceeds <see cref="MaxRank"/>.</exception>
    public StoredTensor(string name, int[] shape, float[] data)
        : this(name, shape, data, TensorDataType.Float32)
    {
    }

    /// <summary>Creates a <see cref="TensorDataType.Float64"/> tensor (same rules as the <see cref="float"/> overload).</summary>
    /// <param name="name">Non-empty name.</param>
    /// <param name="shape">Dimensions, each ≥ 0.</param>
    /// <param name="data">The elements, row-major. Kept, not copied.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is invalid or the data length does not match the shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the rank is too large.</exception>
    public StoredTensor(string name, int[] shape, double[] data)
        : this(name, shape, data, TensorDataType.Float64)
    {
    }

    /// <summary>Creates an <see cref="TensorDataType.Int32"/> tensor (same rules as the <see cref="float"/> overload).</summary>
    /// <param name="name">Non-empty name.</param>
    /// <param name="shape">Dimensions, each ≥ 0.</param>
    /// <param name="data">The elements, row-major. Kept, not copied.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is invalid or the data length does not match the shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the rank is too large.</exception>
    public StoredTensor(string name, int[] shape, int[] data)
        : this(name, shape, data, TensorDataType.Int32)
    {
    }

    /// <summary>Creates an <see cref="TensorDataType.Int64"/> tensor (same rules as the <see cref="float"/> overload).</summary>
    /// <param name="name">Non-empty name.</param>
    /// <param name="shape">Dimensions, each ≥ 0.</param>
    /// <param name="data">The elements, row-major. Kept, not copied.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is invalid or the data length does not match the shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the rank is too large.</exception>
    public StoredTensor(string name, int[] shape, long[] data)
        : this(name, shape, data, TensorDataType.Int64)
    {
    }

    /// <summary>Creates a <see cref="TensorDataType.UInt8"/> tensor (same rules as the <see cref="float"/> overload).</summary>
    /// <param name="name">Non-empty name.</param>
    /// <param name="shape">Dimensions, each ≥ 0.</param>
    /// <param name="data">The elements, row-major. Kept, not copied.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is invalid or the data length does not match the shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the rank is too large.</exception>
    public StoredTensor(string name, int[] shape, byte[] data)
        : this(name, shape, data, TensorDataType.UInt8)
    {
    }

    /// <summary>
    /// Creates a <see cref="TensorDataType.Float16"/> tensor (same rules as the <see cref="float"/> overload); a file
    /// holding one is written as model format version 2.
    /// </summary>
    /// <param name="name">Non-empty name.</param>
    /// <param name="shape">Dimensions, each ≥ 0.</param>
    /// <param name="data">The elements, row-major. Kept, not copied.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is invalid or the data length does not match the shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the rank is too large.</exception>
    public StoredTensor(string name, int[] shape, Half[] data)
        : this(name, shape, data, TensorDataType.Float16)
    {
    }

    private StoredTensor(string name, int[] shape, Array data, TensorDataType dataType)
    {
        Guard.NotNull(name);
        Guard.NotNull(shape);
        Guard.NotNull(data);
        if (DescribeInvalidName(name) is { } problem)
        {
            ThrowHelper.ThrowArgument($"Tensor name {Quote(name)} is invalid: {problem}.", nameof(name));
        }

        if (shape.Length > MaxRank)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(shape), shape.Length, $"rank must be at most {MaxRank}");
        }

        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(shape), shape[i], $"dimension {i} of tensor {Quote(name)} must not be negative");
            }

            // Saturate instead of overflowing: any product above Array.MaxLength cannot match a real array anyway.
            count = count > Array.MaxLength ? count : count * shape[i];
        }

        if (count != data.LongLength)
        {
            ThrowHelper.ThrowArgument(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Tensor {Quote(name)} has shape {FormatShape(shape)} ({count} elements) but {data.LongLength} data elements were given."),
                nameof(data));
        }

        Name = name;
        DataType = dataType;
        _shape = Array.AsReadOnly((int[])shape.Clone());
        _data = data;
    }

    /// <summary>The tensor's name, unique within its model (e.g. <c>features.0.weight</c>).</summary>
    public string Name { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The element type.</summary>
    public TensorDataType DataType { get; }

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar, 0 when any dimension is 0).</summary>
    public long ElementCount => _data.LongLength;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Count;

    /// <summary>Size of the elements in bytes (<see cref="ElementCount"/> × element size).</summary>
    public long ByteLength => _data.LongLength * DataType.ElementSize();

    /// <summary>The elements of a <see cref="TensorDataType.Float32"/> tensor (the stored array, not a copy).</summary>
    /// <exception cref="InvalidModelException">The tensor holds another type.</exception>
    public float[] AsFloat32() => As<float>(TensorDataType.Float32);

    /// <summary>The elements of a <see cref="TensorDataType.Float64"/> tensor (the stored array, not a copy).</summary>
    /// <exception cref="InvalidModelException">The tensor holds another type.</exception>
    public double[] AsFloat64() => As<double>(TensorDataType.Float64);

    /// <summary>The elements of an <see cref="TensorDataType.Int32"/> tensor (the stored array, not a copy).</summary>
    /// <exception cref="InvalidModelException">The tensor holds another type.</exception>
    public int[] AsInt32() => As<int>(TensorDataType.Int32);

    /// <summary>The elements of an <see cref="TensorDataType.Int64"/> tensor (the stored array, not a copy).</summary>
    /// <exception cref="InvalidModelException">The tensor holds another type.</exception>
    public long[] AsInt64() => As<long>(TensorDataType.Int64);

    /// <summary>The elements of a <see cref="TensorDataType.UInt8"/> tensor (the stored array, not a copy).</summary>
    /// <exception cref="InvalidModelException">The tensor holds another type.</exception>
    public byte[] AsUInt8() => As<byte>(TensorDataType.UInt8);

    /// <summary>The elements of a <see cref="TensorDataType.Float16"/> tensor (the stored array, not a copy).</summary>
    /// <exception cref="InvalidModelException">The tensor holds another type.</exception>
    public Half[] AsFloat16() => As<Half>(TensorDataType.Float16);

    /// <summary>True when <see cref="Shape"/> equals <paramref name="expected"/>; a -1 in <paramref name="expected"/> matches any size.</summary>
    /// <param name="expected">The dimensions wanted.</param>
    public bool HasShape(ReadOnlySpan<int> expected)
    {
        if (expected.Length != _shape.Count)
        {
            return false;
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != -1 && expected[i] != _shape[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns e.g. <c>features.0.weight float32[8, 3, 3, 3]</c>.</summary>
    public override string ToString() => $"{Name} {DataType.ToFileName()}{FormatShape(_shape)}";

    /// <summary>The element bytes as stored in memory (native byte order).</summary>
    internal ReadOnlySpan<byte> RawBytes => DataType switch
    {
        TensorDataType.Float32 => MemoryMarshal.AsBytes(((float[])_data).AsSpan()),
        TensorDataType.Float64 => MemoryMarshal.AsBytes(((double[])_data).AsSpan()),
        TensorDataType.Int32 => MemoryMarshal.AsBytes(((int[])_data).AsSpan()),
        TensorDataType.Int64 => MemoryMarshal.AsBytes(((long[])_data).AsSpan()),
        TensorDataType.Float16 => MemoryMarshal.AsBytes(((Half[])_data).AsSpan()),
        _ => ((byte[])_data).AsSpan(),
    };

    internal static StoredTensor FromValidated(string name, int[] shape, Array data, TensorDataType dataType) =>
        new(name, shape, data, dataType);

    /// <summary>Null when <paramref name="name"/> is acceptable, else a short description of the problem.</summary>
    internal static string? DescribeInvalidName(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > MaxNameLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it is longer than {MaxNameLength} characters");
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"it contains control character U+{(int)c:X4} at index {i}");
            }

            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"it contains an unpaired surrogate at index {i}");
            }
        }

        return null;
    }

    internal static string FormatShape(IReadOnlyList<int> shape) =>
        "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>Quotes a name for a message, escaping control characters so messages stay on one line.</summary>
    internal static string Quote(string name)
    {
        const int MaxShown = 80;
        var text = new System.Text.StringBuilder(Math.Min(name.Length, MaxShown) + 2);
        text.Append('\'');
        for (int i = 0; i < name.Length && i < MaxShown; i++)
        {
            char c = name[i];
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        if (name.Length > MaxShown)
        {
            text.Append("...");
        }

        return text.Append('\'').ToString();
    }

    private T[] As<T>(TensorDataType wanted)
    {
        if (DataType != wanted)
        {
            throw new InvalidModelException(
                $"Tensor {Quote(Name)} holds {DataType.ToFileName()} data but {wanted.ToFileName()} was requested.")
            {
                TensorName = Name,
            };
        }

        return (T[])_data;
    }
}
