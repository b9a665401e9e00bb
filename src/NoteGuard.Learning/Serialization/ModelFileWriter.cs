using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Serialization;

/// <summary>Writes the canonical byte form of a <see cref="ModelFile"/>: tensors in directory order, each 64-byte aligned, zero padding.</summary>
internal sealed class ModelFileWriter
{
    private static readonly JsonWriterOptions s_jsonOptions = new()
    {
        // Keep non-ASCII names readable in the file; the output is still valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        MaxDepth = ModelFileLayout.MaxJsonDepth,
    };

    private readonly byte[] _header;
    private readonly long[] _offsets;
    private readonly IReadOnlyList<StoredTensor> _tensors;

    public ModelFileWriter(ModelFile model)
    {
        ValidateForSave(model);
        _tensors = [.. model.Tensors];
        _offsets = new long[_tensors.Count];
        long cursor = 0;
        for (int i = 0; i < _tensors.Count; i++)
        {
            _offsets[i] = cursor;
            cursor = ModelFileLayout.AlignUp(cursor + _tensors[i].ByteLength);
        }

        DataLength = cursor;
        _header = BuildHeader(model, _tensors, _offsets);
        if (_header.Length > ModelFileLayout.MaxHeaderLength)
        {
            ThrowHelper.ThrowInvalidOperation($"The model header is {_header.Length} bytes; at most {ModelFileLayout.MaxHeaderLength} are allowed.");
        }

        DataStart = ModelFileLayout.DataStart(_header.Length);
        TotalLength = DataStart + DataLength + ModelFileLayout.ChecksumSize;
    }

    public long DataStart { get; }

    public long DataLength { get; }

    public long TotalLength { get; }

    public void WriteTo(Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sink = new HashingSink(stream, hash);

        Span<byte> preamble = stackalloc byte[ModelFileLayout.PreambleSize];
        ModelFileLayout.Magic.CopyTo(preamble);
        uint version = _tensors.Any(static t => t.DataType == TensorDataType.Float16) ? ModelFile.Float16Version : 1u;
        BinaryPrimitives.WriteUInt32LittleEndian(preamble[ModelFileLayout.VersionOffset..], version);
        BinaryPrimitives.WriteUInt32LittleEndian(preamble[ModelFileLayout.FlagsOffset..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(preamble[ModelFileLayout.HeaderLengthOffset..], (ulong)_header.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(preamble[ModelFileLayout.DataLengthOffset..], (ulong)DataLength);
        sink.Write(preamble);
        sink.Write(_header);
        sink.WriteZeros(DataStart - ModelFileLayout.PreambleSize - _header.Length);

        long position = 0;
        for (int i = 0; i < _tensors.Count; i++)
        {
            sink.WriteZeros(_offsets[i] - position);
            WriteTensorBytes(sink, _tensors[i]);
            position = _offsets[i] + _tensors[i].ByteLength;
        }

        sink.WriteZeros(DataLength - position);

        Span<byte> digest = stackalloc byte[ModelFileLayout.ChecksumSize];
        hash.GetHashAndReset(digest);
        stream.Write(digest);
    }

    private static void WriteTensorBytes(HashingSink sink, StoredTensor tensor)
    {
        ReadOnlySpan<byte> bytes = tensor.RawBytes;
        if (BitConverter.IsLittleEndian || tensor.DataType == TensorDataType.UInt8)
        {
            sink.Write(bytes);
            return;
        }

        // Big-endian hosts: swap each element into a scratch buffer, one chunk at a time.
        int size = tensor.DataType.ElementSize();
        byte[] scratch = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int chunk = scratch.Length / size * size;
            for (int start = 0; start < bytes.Length; start += chunk)
            {
                ReadOnlySpan<byte> part = bytes.Slice(start, Math.Min(chunk, bytes.Length - start));
                Span<byte> swapped = scratch.AsSpan(0, part.Length);
                part.CopyTo(swapped);
                if (size == 2)
                {
                    Span<short> lanes = MemoryMarshal.Cast<byte, short>(swapped);
                    BinaryPrimitives.ReverseEndianness(lanes, lanes);
                }
                else if (size == 4)
                {
                    Span<int> lanes = MemoryMarshal.Cast<byte, int>(swapped);
                    BinaryPrimitives.ReverseEndianness(lanes, lanes);
                }
                else
                {
                    Span<long> lanes = MemoryMarshal.Cast<byte, long>(swapped);
                    BinaryPrimitives.ReverseEndianness(lanes, lanes);
                }

                sink.Write(swapped);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void ValidateForSave(ModelFile model)
    {
        if (ModelFile.DescribeInvalidKind(model.Kind) is { } kindProblem)
        {
            ThrowHelper.ThrowInvalidOperation($"Cannot save the model: its kind {StoredTensor.Quote(model.Kind ?? string.Empty)} is invalid: {kindProblem}.");
        }

        if (model.Header is null)
        {
            ThrowHelper.ThrowInvalidOperation("Cannot save the model: Header is null.");
        }

        if (model.Labels is null)
        {
            ThrowHelper.ThrowInvalidOperation("Cannot save the model: Labels is null.");
        }

        if (ModelFile.DescribeInvalidLabels(model.Labels) is { } labelProblem)
        {
            ThrowHelper.ThrowInvalidOperation($"Cannot save the model: {labelProblem}.");
        }

        // The tensor list rejects duplicates on insertion; check again so a future list type cannot slip one through.
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (StoredTensor tensor in model.Tensors)
        {
            if (!names.Add(tensor.Name))
            {
                ThrowHelper.ThrowInvalidOperation($"Cannot save the model: tensor name {StoredTensor.Quote(tensor.Name)} occurs twice.");
            }
        }
    }

    private static byte[] BuildHeader(ModelFile model, IReadOnlyList<StoredTensor> tensors, long[] offsets)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (tensors.Count * 96));
        using (var json = new Utf8JsonWriter(buffer, s_jsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("kind", model.Kind);
            json.WriteStartArray("labels");
            foreach (string label in model.Labels)
            {
                json.WriteStringValue(label);
            }

            json.WriteEndArray();
            json.WritePropertyName("header");
            WriteUserHeader(json, model.Header);
            json.WriteStartArray("tensors");
            for (int i = 0; i < tensors.Count; i++)
            {
                StoredTensor tensor = tensors[i];
                json.WriteStartObject();
                json.WriteString("name", tensor.Name);
                json.WriteString("dtype", tensor.DataType.ToFileName());
                json.WriteStartArray("shape");
                foreach (int dim in tensor.Shape)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteNumber("offset", offsets[i]);
                json.WriteNumber("length", tensor.ByteLength);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteUserHeader(Utf8JsonWriter json, JsonObject header)
    {
        try
        {
            header.WriteTo(json);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException("Cannot save the model: its Header cannot be written as JSON: " + ex.Message, ex);
        }
    }

    /// <summary>Writes to the stream and feeds the same bytes to the checksum.</summary>
    private readonly struct HashingSink(Stream stream, IncrementalHash hash)
    {
        private static readonly byte[] s_zeros = new byte[4096];

        public void Write(ReadOnlySpan<byte> bytes)
        {
            hash.AppendData(bytes);
            stream.Write(bytes);
        }

        public void WriteZeros(long count)
        {
            while (count > 0)
            {
                int n = (int)Math.Min(count, s_zeros.Length);
                Write(s_zeros.AsSpan(0, n));
                count -= n;
            }
        }
    }
}
