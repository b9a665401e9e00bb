using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace NoteGuard.Learning.Serialization;

/// <summary>
/// Validating reader of the model file format. It only interprets bytes as numbers and JSON: nothing in the file
/// names a type to instantiate or code to run. Every check happens before the allocation it guards, and every
/// allocation is bounded by the real length of the input.
/// </summary>
internal ref struct ModelFileReader
{
    private static readonly string[] s_topLevelKeys = ["kind", "labels", "header", "tensors"];
    private static readonly string[] s_entryKeys = ["name", "dtype", "shape", "offset", "length"];

    private readonly ReadOnlySpan<byte> _file;
    private readonly ModelFileReadOptions _options;
    private readonly string _source;

    public ModelFileReader(ReadOnlySpan<byte> file, ModelFileReadOptions options, string source)
    {
        _file = file;
        _options = options;
        _source = source;
    }

    /// <summary>Largest input accepted under <paramref name="options"/>.</summary>
    public static long EffectiveLimit(ModelFileReadOptions options) => Math.Min(options.MaxBytes, Array.MaxLength);

    public readonly ModelFile Read()
    {
        long limit = EffectiveLimit(_options);
        if (_file.Length > limit)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"the file is {_file.Length} bytes, over the limit of {limit} bytes"), 0);
        }

        CheckMagic();
        (uint version, long headerLength, long dataLength) = ReadPreamble();
        long dataStart = ModelFileLayout.DataStart(headerLength);
        long checksumOffset = dataStart + dataLength;
        CheckChecksum(checksumOffset);

        long headerEnd = ModelFileLayout.PreambleSize + headerLength;
        CheckZeros(headerEnd, dataStart, "header padding");

        ReadOnlySpan<byte> headerBytes = _file[ModelFileLayout.PreambleSize..(int)headerEnd];
        CheckUtf8(headerBytes);
        using JsonDocument document = ParseHeader(headerBytes);
        JsonElement root = document.RootElement;
        string kind;
        IReadOnlyList<string> labels;
        JsonObject header;
        TensorEntry[] entries;
        try
        {
            CheckTopLevelKeys(root);
            kind = ReadKind(root);
            labels = ReadLabels(root);
            header = ReadUserHeader(root);
            entries = ReadDirectory(root, headerBytes, dataLength, version);
        }
        catch (InvalidOperationException ex)
        {
            // Defence in depth: System.Text.Json reports unreadable strings (e.g. escaped lone surrogates in a
            // property name) this way; the checks above should already have caught them.
            throw Fail($"the JSON header cannot be read: {ex.Message}", ModelFileLayout.PreambleSize, inner: ex);
        }

        CheckLayout(entries, dataStart, dataLength);

        var model = new ModelFile { Kind = kind, Header = header, Labels = labels };
        model.SetSource(_source);
        foreach (TensorEntry entry in entries)
        {
            ReadOnlySpan<byte> bytes = _file.Slice((int)(dataStart + entry.Offset), (int)entry.Length);
            model.Tensors.Add(StoredTensor.FromValidated(entry.Name, entry.Shape, DecodeElements(bytes, entry.DataType, entry.Count), entry.DataType));
        }

        return model;
    }

    private readonly void CheckMagic()
    {
        if (_file.IsEmpty)
        {
            throw Fail("the file is empty", 0);
        }

        ReadOnlySpan<byte> magic = ModelFileLayout.Magic;
        int n = Math.Min(magic.Length, _file.Length);
        if (!_file[..n].SequenceEqual(magic[..n]))
        {
            throw Fail("it is not a NoteGuard model file (the first bytes are not \"NGMODEL\\0\")", 0);
        }

        if (_file.Length < ModelFileLayout.MinFileSize)
        {
            throw Fail(
                string.Create(CultureInfo.InvariantCulture, $"the file is truncated: {_file.Length} bytes, but the smallest model file is {ModelFileLayout.MinFileSize} bytes"),
                _file.Length);
        }
    }

    private readonly (uint Version, long HeaderLength, long DataLength) ReadPreamble()
    {
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(_file[ModelFileLayout.VersionOffset..]);
        if (version > ModelFile.FormatVersion)
        {
            throw Fail(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"it was written by a newer NoteGuard (model format version {version}; this build reads versions up to {ModelFile.FormatVersion}); update NoteGuard to load it"),
                ModelFileLayout.VersionOffset);
        }

        if (version == 0)
        {
            throw Fail("format version 0 is not valid", ModelFileLayout.VersionOffset);
        }

        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(_file[ModelFileLayout.FlagsOffset..]);
        if (flags != 0)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"reserved flags field is 0x{flags:X8}; it must be 0"), ModelFileLayout.FlagsOffset);
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(_file[ModelFileLayout.HeaderLengthOffset..]);
        long headerRoom = _file.Length - ModelFileLayout.PreambleSize - ModelFileLayout.ChecksumSize;
        if (headerLength < 2 || headerLength > (ulong)Math.Min(headerRoom, ModelFileLayout.MaxHeaderLength))
        {
            throw Fail(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"header length {headerLength} is out of range (2..{Math.Min(headerRoom, ModelFileLayout.MaxHeaderLength)} for a file of {_file.Length} bytes)"),
                ModelFileLayout.HeaderLengthOffset);
        }

        ulong dataLength = BinaryPrimitives.ReadUInt64LittleEndian(_file[ModelFileLayout.DataLengthOffset..]);
        if (dataLength > (ulong)_file.Length)
        {
            throw Fail(
                string.Create(CultureInfo.InvariantCulture, $"tensor data length {dataLength} exceeds the file size of {_file.Length} bytes (truncated file?)"),
                ModelFileLayout.DataLengthOffset);
        }

        if (dataLength % ModelFileLayout.Alignment != 0)
        {
            throw Fail(
                string.Create(CultureInfo.InvariantCulture, $"tensor data length {dataLength} is not a multiple of {ModelFileLayout.Alignment}"),
                ModelFileLayout.DataLengthOffset);
        }

        // Both lengths are now at most the file length (< 2^31), so these sums cannot overflow.
        long expected = ModelFileLayout.DataStart((long)headerLength) + (long)dataLength + ModelFileLayout.ChecksumSize;
        if (_file.Length < expected)
        {
            throw Fail(
                string.Create(CultureInfo.InvariantCulture, $"the file is truncated: it has {_file.Length} bytes but its preamble describes {expected}"),
                _file.Length);
        }

        if (_file.Length > expected)
        {
            throw Fail(
                string.Create(CultureInfo.InvariantCulture, $"{_file.Length - expected} unexpected trailing bytes follow the checksum"),
                expected);
        }

        return (version, (long)headerLength, (long)dataLength);
    }

    private readonly void CheckChecksum(long checksumOffset)
    {
        Span<byte> computed = stackalloc byte[ModelFileLayout.ChecksumSize];
        SHA256.HashData(_file[..(int)checksumOffset], computed);
        ReadOnlySpan<byte> stored = _file.Slice((int)checksumOffset, ModelFileLayout.ChecksumSize);
        if (!computed.SequenceEqual(stored))
        {
            throw Fail(
                $"SHA-256 checksum mismatch (stored {Convert.ToHexStringLower(stored)}, computed {Convert.ToHexStringLower(computed)}): the file is corrupt or was modified",
                checksumOffset);
        }
    }

    private readonly void CheckZeros(long start, long end, string what)
    {
        int bad = _file[(int)start..(int)end].IndexOfAnyExcept((byte)0);
        if (bad >= 0)
        {
            throw Fail($"non-zero byte in {what}", start + bad);
        }
    }

    private readonly void CheckUtf8(ReadOnlySpan<byte> headerBytes)
    {
        if (Utf8.IsValid(headerBytes))
        {
            return;
        }

        // Locate the first bad sequence for the message; the header is at most 64 MiB, so decode in pieces.
        Span<char> scratch = stackalloc char[256];
        int position = 0;
        while (position < headerBytes.Length)
        {
            OperationStatus status = Utf8.ToUtf16(headerBytes[position..], scratch, out int read, out _, replaceInvalidSequences: false);
            if (status is OperationStatus.InvalidData or OperationStatus.NeedMoreData || read == 0)
            {
                position += read;
                break;
            }

            position += read;
        }

        throw Fail("the JSON header is not valid UTF-8", ModelFileLayout.PreambleSize + position);
    }

    private readonly JsonDocument ParseHeader(ReadOnlySpan<byte> headerBytes)
    {
        var options = new JsonDocumentOptions
        {
            MaxDepth = ModelFileLayout.MaxJsonDepth,
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowDuplicateProperties = false,
        };

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerBytes.ToArray(), options);
        }
        catch (JsonException ex)
        {
            long offset = ModelFileLayout.PreambleSize + (ex.BytePositionInLine ?? 0);
            throw Fail($"the JSON header is malformed: {ex.Message}", ex.LineNumber is 0 or null ? offset : ModelFileLayout.PreambleSize, inner: ex);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Raised for content the tokenizer accepts but cannot turn into text, e.g. a property name escaping a
            // lone surrogate, met while checking for duplicate properties.
            throw Fail($"the JSON header is malformed: {ex.Message}", ModelFileLayout.PreambleSize, inner: ex);
        }

        JsonValueKind rootKind = document.RootElement.ValueKind;
        if (rootKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw Fail($"the JSON header is {Describe(rootKind)}, not an object", ModelFileLayout.PreambleSize);
        }

        return document;
    }

    private readonly void CheckTopLevelKeys(JsonElement root)
    {
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (Array.IndexOf(s_topLevelKeys, property.Name) < 0)
            {
                throw Fail($"the JSON header has unknown field {StoredTensor.Quote(property.Name)}", ModelFileLayout.PreambleSize);
            }
        }
    }

    private readonly string ReadKind(JsonElement root)
    {
        if (!root.TryGetProperty("kind", out JsonElement kindElement) || kindElement.ValueKind != JsonValueKind.String)
        {
            throw Fail("the JSON header has no \"kind\" string", ModelFileLayout.PreambleSize);
        }

        string kind = GetString(kindElement, "\"kind\"");
        if (ModelFile.DescribeInvalidKind(kind) is { } problem)
        {
            throw Fail($"model kind {StoredTensor.Quote(kind)} is invalid: {problem}", ModelFileLayout.PreambleSize);
        }

        if (_options.ExpectedKindPrefix is { } prefix && !kind.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw Fail($"it holds a {StoredTensor.Quote(kind)} model but a model of kind {StoredTensor.Quote(prefix + "...")} was expected", ModelFileLayout.PreambleSize);
        }

        return kind;
    }

    private readonly IReadOnlyList<string> ReadLabels(JsonElement root)
    {
        if (!root.TryGetProperty("labels", out JsonElement labelsElement))
        {
            return [];
        }

        if (labelsElement.ValueKind != JsonValueKind.Array)
        {
            throw Fail("\"labels\" in the JSON header is not an array", ModelFileLayout.PreambleSize);
        }

        var labels = new List<string>(labelsElement.GetArrayLength());
        foreach (JsonElement label in labelsElement.EnumerateArray())
        {
            if (label.ValueKind != JsonValueKind.String)
            {
                throw Fail(string.Create(CultureInfo.InvariantCulture, $"label {labels.Count} in the JSON header is {Describe(label.ValueKind)}, not a string"), ModelFileLayout.PreambleSize);
            }

            labels.Add(GetString(label, "a label"));
        }

        if (ModelFile.DescribeInvalidLabels(labels) is { } problem)
        {
            throw Fail(problem, ModelFileLayout.PreambleSize);
        }

        return labels.AsReadOnly();
    }

    private readonly JsonObject ReadUserHeader(JsonElement root)
    {
        if (!root.TryGetProperty("header", out JsonElement headerElement))
        {
            return [];
        }

        if (headerElement.ValueKind != JsonValueKind.Object)
        {
            throw Fail("\"header\" in the JSON header is not an object", ModelFileLayout.PreambleSize);
        }

        // Every string must be readable now, so the caller never meets an unreadable value (an escaped lone
        // surrogate) later when it reads its configuration.
        CheckStrings(headerElement);

        try
        {
            // A detached copy: the document is disposed after reading. The document was parsed with the same depth
            // limit and without duplicate properties, so this cannot fail on content the document accepted.
            var node = (JsonObject)JsonNode.Parse(headerElement.GetRawText(), documentOptions: new JsonDocumentOptions { MaxDepth = ModelFileLayout.MaxJsonDepth })!;
            _ = node.Count; // materialise now, not lazily in the caller's code
            return node;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            throw Fail($"\"header\" in the JSON header cannot be read: {ex.Message}", ModelFileLayout.PreambleSize, inner: ex);
        }
    }

    private readonly void CheckStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    _ = property.Name;
                    CheckStrings(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    CheckStrings(item);
                }

                break;
            case JsonValueKind.String:
                _ = GetString(element, "a string in \"header\"");
                break;
        }
    }

    private readonly TensorEntry[] ReadDirectory(JsonElement root, ReadOnlySpan<byte> headerBytes, long dataLength, uint version)
    {
        if (!root.TryGetProperty("tensors", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            throw Fail("the JSON header has no \"tensors\" array", ModelFileLayout.PreambleSize);
        }

        var entries = new TensorEntry[list.GetArrayLength()];
        long[] positions = LocateEntries(headerBytes, entries.Length);
        var names = new HashSet<string>(entries.Length, StringComparer.Ordinal);
        int index = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            long at = ModelFileLayout.PreambleSize + positions[index];
            TensorEntry entry = ReadEntry(item, index, at, dataLength, version);
            if (!names.Add(entry.Name))
            {
                throw Fail($"tensor directory entry {index} repeats the name {StoredTensor.Quote(entry.Name)}", at, entry.Name);
            }

            entries[index++] = entry;
        }

        return entries;
    }

    /// <summary>
    /// Byte offsets (within the header) where each element of the top-level "tensors" array starts, so messages can
    /// point at the entry. The document is already known to be well formed; an entry not found reports offset 0.
    /// </summary>
    private static long[] LocateEntries(ReadOnlySpan<byte> headerBytes, int count)
    {
        var positions = new long[count];
        var reader = new Utf8JsonReader(headerBytes, new JsonReaderOptions { MaxDepth = ModelFileLayout.MaxJsonDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("tensors"u8))
                {
                    if (reader.CurrentDepth >= 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }

                    continue;
                }

                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    break;
                }

                for (int found = 0; found < count && reader.Read() && reader.TokenType != JsonTokenType.EndArray; found++)
                {
                    positions[found] = reader.TokenStartIndex;
                    reader.Skip();
                }

                break;
            }
        }
        catch (JsonException)
        {
            // Positions are only for messages; the structure was validated by the document parser.
        }

        return positions;
    }

    private readonly TensorEntry ReadEntry(JsonElement item, int index, long at, long dataLength, uint version)
    {
        string where = string.Create(CultureInfo.InvariantCulture, $"tensor directory entry {index}");
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Fail($"{where} is {Describe(item.ValueKind)}, not an object", at);
        }

        foreach (JsonProperty property in item.EnumerateObject())
        {
            if (Array.IndexOf(s_entryKeys, property.Name) < 0)
            {
                throw Fail($"{where} has unknown field {StoredTensor.Quote(property.Name)}", at);
            }
        }

        if (!item.TryGetProperty("name", out JsonElement nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw Fail($"{where} has no \"name\" string", at);
        }

        string name = GetString(nameElement, where + " name");
        if (StoredTensor.DescribeInvalidName(name) is { } nameProblem)
        {
            throw Fail($"{where} has an invalid name {StoredTensor.Quote(name)}: {nameProblem}", at, name);
        }

        where = $"tensor {StoredTensor.Quote(name)} (directory entry {index.ToString(CultureInfo.InvariantCulture)})";
        if (!item.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw Fail($"{where} has no \"dtype\" string", at, name);
        }

        string dtypeName = GetString(dtypeElement, where + " dtype");
        if (!TensorDataTypeExtensions.TryParseFileName(dtypeName, out TensorDataType dataType))
        {
            throw Fail($"{where} has unknown dtype {StoredTensor.Quote(dtypeName)} (known: float32, float64, int32, int64, uint8, float16)", at, name);
        }

        if (dataType == TensorDataType.Float16 && version < ModelFile.Float16Version)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"{where} is float16, which needs model format version {ModelFile.Float16Version}; the file says version {version}"), at, name);
        }

        if (!item.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw Fail($"{where} has no \"shape\" array", at, name);
        }

        int rank = shapeElement.GetArrayLength();
        if (rank > StoredTensor.MaxRank)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"{where} has {rank} dimensions; at most {StoredTensor.MaxRank} are allowed"), at, name);
        }

        var shape = new int[rank];
        long count = 1;
        int d = 0;
        foreach (JsonElement dimElement in shapeElement.EnumerateArray())
        {
            if (dimElement.ValueKind != JsonValueKind.Number || !dimElement.TryGetInt32(out int dim) || dim < 0)
            {
                throw Fail(
                    string.Create(CultureInfo.InvariantCulture, $"{where} has dimension {d} = {dimElement.GetRawText()}; dimensions must be integers from 0 to {int.MaxValue}"),
                    at,
                    name);
            }

            shape[d++] = dim;

            // Stop multiplying once the count is past any possible array; this keeps the product far from overflow.
            count = count > Array.MaxLength ? count : count * dim;
        }

        long offset = ReadNonNegative(item, "offset", where, name, at);
        long length = ReadNonNegative(item, "length", where, name, at);
        if (count > Array.MaxLength)
        {
            throw Fail($"{where} has shape {StoredTensor.FormatShape(shape)}, more elements than any array can hold", at, name);
        }

        long expectedLength = count * dataType.ElementSize();
        if (length != expectedLength)
        {
            throw Fail(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{where} declares {length} bytes but shape {StoredTensor.FormatShape(shape)} of {dataType.ToFileName()} needs {expectedLength}"),
                at,
                name);
        }

        if (offset % ModelFileLayout.Alignment != 0)
        {
            throw Fail(
                string.Create(CultureInfo.InvariantCulture, $"{where} starts at data offset {offset}, which is not a multiple of {ModelFileLayout.Alignment}"),
                at,
                name);
        }

        if (offset > dataLength || length > dataLength - offset)
        {
            throw Fail(
                string.Create(CultureInfo.InvariantCulture, $"{where} spans data bytes {offset}..{offset + length}, past the end of the {dataLength}-byte data section"),
                at,
                name);
        }

        return new TensorEntry(name, dataType, shape, count, offset, length);
    }

    private readonly long ReadNonNegative(JsonElement item, string key, string where, string name, long at)
    {
        if (!item.TryGetProperty(key, out JsonElement element) || element.ValueKind != JsonValueKind.Number
            || !element.TryGetInt64(out long value) || value < 0)
        {
            throw Fail($"{where} has no non-negative integer \"{key}\"", at, name);
        }

        return value;
    }

    /// <summary>Tensors must not overlap, bytes between them must be zero, and the data section must end at the last tensor (rounded up to 64).</summary>
    private readonly void CheckLayout(TensorEntry[] entries, long dataStart, long dataLength)
    {
        var order = new int[entries.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => entries[a].Offset != entries[b].Offset ? entries[a].Offset.CompareTo(entries[b].Offset) : entries[a].Length.CompareTo(entries[b].Length));
        long position = 0;
        string? previous = null;
        foreach (int i in order)
        {
            TensorEntry entry = entries[i];
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.Offset < position)
            {
                throw Fail(
                    string.Create(CultureInfo.InvariantCulture, $"tensor {StoredTensor.Quote(entry.Name)} (data offset {entry.Offset}) overlaps tensor {StoredTensor.Quote(previous!)}, which ends at {position}"),
                    dataStart + entry.Offset,
                    entry.Name);
            }

            CheckZeros(dataStart + position, dataStart + entry.Offset, "the padding before tensor " + StoredTensor.Quote(entry.Name));
            position = entry.Offset + entry.Length;
            previous = entry.Name;
        }

        CheckZeros(dataStart + position, dataStart + dataLength, "the padding after the last tensor");
        long end = 0;
        foreach (TensorEntry entry in entries)
        {
            end = Math.Max(end, entry.Offset + entry.Length);
        }

        if (ModelFileLayout.AlignUp(end) != dataLength)
        {
            throw Fail(
                string.Create(CultureInfo.InvariantCulture, $"the data section is {dataLength} bytes but its tensors end at {end}; it must be {ModelFileLayout.AlignUp(end)}"),
                ModelFileLayout.DataLengthOffset);
        }
    }

    private static Array DecodeElements(ReadOnlySpan<byte> bytes, TensorDataType type, long count)
    {
        switch (type)
        {
            case TensorDataType.Float32:
            {
                var values = new float[count];
                bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                if (!BitConverter.IsLittleEndian)
                {
                    Span<int> lanes = MemoryMarshal.Cast<float, int>(values.AsSpan());
                    BinaryPrimitives.ReverseEndianness(lanes, lanes);
                }

                return values;
            }

            case TensorDataType.Float64:
            {
                var values = new double[count];
                bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                if (!BitConverter.IsLittleEndian)
                {
                    Span<long> lanes = MemoryMarshal.Cast<double, long>(values.AsSpan());
                    BinaryPrimitives.ReverseEndianness(lanes, lanes);
                }

                return values;
            }

            case TensorDataType.Int32:
            {
                var values = new int[count];
                bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                if (!BitConverter.IsLittleEndian)
                {
                    BinaryPrimitives.ReverseEndianness(values, values);
                }

                return values;
            }

            case TensorDataType.Int64:
            {
                var values = new long[count];
                bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                if (!BitConverter.IsLittleEndian)
                {
                    BinaryPrimitives.ReverseEndianness(values, values);
                }

                return values;
            }

            case TensorDataType.Float16:
            {
                var values = new Half[count];
                bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                if (!BitConverter.IsLittleEndian)
                {
                    Span<short> lanes = MemoryMarshal.Cast<Half, short>(values.AsSpan());
                    BinaryPrimitives.ReverseEndianness(lanes, lanes);
                }

                return values;
            }

            default:
                return bytes.ToArray();
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    private readonly string GetString(JsonElement element, string what)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw Fail($"{what} is not a valid string: {ex.Message}", ModelFileLayout.PreambleSize, inner: ex);
        }
    }

    private readonly InvalidModelException Fail(string what, long offset, string? tensorName = null, Exception? inner = null)
    {
        string message = string.Create(CultureInfo.InvariantCulture, $"Invalid model file {_source} at offset {offset}: {what.TrimEnd('.')}.");
        return inner is null
            ? new InvalidModelException(message) { Offset = offset, TensorName = tensorName, SourceName = _source }
            : new InvalidModelException(message, inner) { Offset = offset, TensorName = tensorName, SourceName = _source };
    }

    private readonly record struct TensorEntry(string Name, TensorDataType DataType, int[] Shape, long Count, long Offset, long Length);
}
