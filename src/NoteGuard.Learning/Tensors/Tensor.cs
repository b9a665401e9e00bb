using System.Runtime.CompilerServices;

namespace NoteGuard.Learning.Tensors;

/// <summary>
/// A dense float32 tensor in row-major (C) order; images are NCHW. The tensor owns a flat buffer that may be
/// longer than <see cref="Length"/> so layers can reuse one buffer across batches of different sizes.
/// </summary>
public sealed class Tensor
{
    private float[] _data;
    private int[] _shape;

    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the element count overflows.</exception>
    public Tensor(params int[] shape)
    {
        Guard.NotNull(shape);
        _shape = (int[])shape.Clone();
        Length = CheckedCount(_shape);
        _data = new float[Length];
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) with the given shape.</summary>
    /// <exception cref="ArgumentException">The buffer is shorter than the shape's element count.</exception>
    public Tensor(float[] data, params int[] shape)
    {
        Guard.NotNull(data);
        Guard.NotNull(shape);
        _shape = (int[])shape.Clone();
        Length = CheckedCount(_shape);
        Guard.IsTrue(data.Length >= Length, $"buffer of {data.Length} floats is shorter than shape [{string.Join(',', shape)}] needs ({Length})");
        _data = data;
    }

    /// <summary>The dimensions, outermost first.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements (product of the dimensions).</summary>
    public int Length { get; private set; }

    /// <summary>The elements in row-major order.</summary>
    public Span<float> Span => _data.AsSpan(0, Length);

    /// <summary>The underlying buffer (at least <see cref="Length"/> long; may be longer when reused).</summary>
    internal float[] Buffer => _data;

    /// <summary>The size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis) => _shape[axis < 0 ? _shape.Length + axis : axis];

    /// <summary>The element at a multi-dimensional index.</summary>
    public float this[params int[] index]
    {
        get => _data[Offset(index)];
        set => _data[Offset(index)] = value;
    }

    /// <summary>Creates a tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> values, params int[] shape)
    {
        var t = new Tensor(shape);
        Guard.IsTrue(values.Length == t.Length, $"{values.Length} values do not fill shape [{string.Join(',', shape)}]");
        values.CopyTo(t.Span);
        return t;
    }

    /// <summary>A deep copy.</summary>
    public Tensor Clone() => FromArray(Span, _shape);

    /// <summary>Copies the elements to a new array.</summary>
    public float[] ToArray() => Span.ToArray();

    /// <summary>A tensor sharing this buffer with a new shape of the same element count (one dimension may be -1).</summary>
    /// <exception cref="ArgumentException">The shapes disagree in element count.</exception>
    public Tensor Reshape(params int[] shape)
    {
        int[] resolved = ResolveShape(shape, Length);
        return new Tensor(_data, resolved);
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(float value) => Span.Fill(value);

    /// <summary>True when the shape equals <paramref name="shape"/>.</summary>
    public bool HasShape(ReadOnlySpan<int> shape) => shape.SequenceEqual(_shape);

    /// <inheritdoc />
    public override string ToString() => $"Tensor[{string.Join(',', _shape)}]";

    /// <summary>
    /// Reuses <paramref name="tensor"/> when it can hold <paramref name="shape"/> (reshaping it in place), otherwise allocates.
    /// Steady-state training therefore allocates no tensors per batch. Contents are not cleared.
    /// </summary>
    internal static Tensor Ensure(ref Tensor? tensor, ReadOnlySpan<int> shape)
    {
        if (tensor is not null && tensor.HasShape(shape))
        {
            return tensor;
        }

        int count = CheckedCount(shape);
        if (tensor is not null && tensor._data.Length >= count)
        {
            tensor._shape = shape.ToArray();
            tensor.Length = count;
            return tensor;
        }

        tensor = new Tensor(GC.AllocateUninitializedArray<float>(count), shape.ToArray());
        return tensor;
    }

    /// <summary><see cref="Ensure(ref Tensor?, ReadOnlySpan{int})"/> for a 2-D or 4-D shape without allocating a shape array when reused.</summary>
    internal static Tensor Ensure(ref Tensor? tensor, int d0, int d1)
    {
        Span<int> s = [d0, d1];
        return Ensure(ref tensor, s);
    }

    internal static Tensor Ensure(ref Tensor? tensor, int d0, int d1, int d2, int d3)
    {
        Span<int> s = [d0, d1, d2, d3];
        return Ensure(ref tensor, s);
    }

    /// <summary>Changes the shape in place (same element count).</summary>
    internal void ReshapeInPlace(ReadOnlySpan<int> shape)
    {
        Debug.Assert(CheckedCount(shape) == Length, "reshape must keep the element count");
        _shape = shape.ToArray();
    }

    internal static int[] ResolveShape(int[] shape, int count)
    {
        int[] result = (int[])shape.Clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                Guard.IsTrue(unknown < 0, "only one dimension may be -1");
                unknown = i;
            }
            else
            {
                Guard.MustBeNonNegative(result[i], nameof(shape));
                known *= result[i];
            }
        }

        if (unknown >= 0)
        {
            Guard.IsTrue(known > 0 && count % known == 0, $"cannot infer a dimension: {count} elements do not divide by {known}");
            result[unknown] = (int)(count / known);
            known *= result[unknown];
        }

        Guard.IsTrue(known == count, $"shape [{string.Join(',', shape)}] holds {known} elements, tensor has {count}");
        return result;
    }

    internal static int CheckedCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(shape), d, "dimensions must not be negative");
            }

            count *= d;
            if (count > Array.MaxLength)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(shape), count, "element count exceeds the largest array");
            }
        }

        return (int)count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Offset(int[] index)
    {
        Guard.IsTrue(index.Length == _shape.Length, $"index has {index.Length} dimensions, tensor has {_shape.Length}");
        int offset = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)_shape[i])
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(index), index[i], $"index {i} must be below {_shape[i]}");
            }

            offset = (offset * _shape[i]) + index[i];
        }

        return offset;
    }
}
