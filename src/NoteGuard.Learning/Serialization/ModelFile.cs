using System.Globalization;
using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Serialization;

/// <summary>
/// A NoteGuard model file: a kind, class labels, a free-form JSON header (architecture, preprocessing, metrics,
/// provenance) and named tensors. The binary format (docs/model-format.md) is little-endian and versioned, with
/// 64-byte-aligned tensor data and a trailing SHA-256 checksum. Loading never executes code: the file holds only
/// numbers and JSON, and every length, offset and shape is validated against the real file size before anything
/// is allocated. Any problem with the content ends in <see cref="InvalidModelException"/>.
/// A loaded model may be read from several threads at once; changing it (tensors, header) is not thread-safe.
/// </summary>
/// <example>
/// <code>
/// var model = new ModelFile { Kind = "logreg", Labels = ["genuine", "counterfeit"] };
/// model.Header["features"] = 4;
/// model.Tensors.Add(new StoredTensor("weight", [2, 4], weights));
/// model.Save("banknote.ngm");
/// var loaded = ModelFile.Load("banknote.ngm", new ModelFileReadOptions { ExpectedKindPrefix = "logreg" });
/// float[] w = loaded.GetTensor("weight", 2, 4).AsFloat32();
/// </code>
/// </example>
public sealed class ModelFile
{
    /// <summary>
    /// The newest format version this build writes; it reads this version and older ones. A file is written with the
    /// lowest version that can hold it: version 1 unless it has a <see cref="TensorDataType.Float16"/> tensor, so files
    /// without one stay readable by version-1 readers.
    /// </summary>
    public const int FormatVersion = 2;

    /// <summary>The first format version with <see cref="TensorDataType.Float16"/> tensors.</summary>
    public const int Float16Version = 2;

    /// <summary>Conventional file name extension, <c>.ngm</c>.</summary>
    public const string FileExtension = ".ngm";

    private readonly TensorList _tensors = [];
    private string? _source;

    /// <summary>
    /// What the model is, for example <c>nn/compact-cnn</c>, <c>svm</c>, <c>logreg</c>, <c>knn</c>, <c>forest</c>,
    /// <c>naive-bayes</c>. Non-empty, at most 256 characters, no control characters. Loaders check it with
    /// <see cref="ModelFileReadOptions.ExpectedKindPrefix"/>.
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>Free-form JSON: architecture configuration, preprocessing, metrics, provenance. Saved as is.</summary>
    public JsonObject Header { get; init; } = [];

    /// <summary>The tensors in insertion order. Adding null or a name already present throws <see cref="ArgumentException"/>.</summary>
    public IList<StoredTensor> Tensors => _tensors;

    /// <summary>Class labels in output order (may be empty). Labels must be distinct and contain no control characters.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    /// <param name="name">The tensor's name (ordinal comparison).</param>
    /// <exception cref="InvalidModelException">The model has no such tensor.</exception>
    public StoredTensor GetTensor(string name)
    {
        Guard.NotNull(name);
        if (_tensors.TryGet(name, out StoredTensor? tensor))
        {
            return tensor;
        }

        throw new InvalidModelException($"{Describe()} has no tensor {StoredTensor.Quote(name)}.") { TensorName = name, SourceName = _source };
    }

    /// <summary>The tensor called <paramref name="name"/>, checked to have exactly <paramref name="expectedShape"/>.</summary>
    /// <param name="name">The tensor's name (ordinal comparison).</param>
    /// <param name="expectedShape">The dimensions required; -1 matches any size in that position. Empty means a scalar.</param>
    /// <exception cref="InvalidModelException">The model has no such tensor, or it has another shape.</exception>
    public StoredTensor GetTensor(string name, params int[] expectedShape)
    {
        Guard.NotNull(expectedShape);
        StoredTensor tensor = GetTensor(name);
        if (!tensor.HasShape(expectedShape))
        {
            throw new InvalidModelException(
                $"{Describe()}: tensor {StoredTensor.Quote(name)} has shape {StoredTensor.FormatShape(tensor.Shape)} but {StoredTensor.FormatShape(expectedShape)} was expected.")
            {
                TensorName = name,
                SourceName = _source,
            };
        }

        return tensor;
    }

    /// <summary>Looks a tensor up by name without throwing.</summary>
    /// <param name="name">The tensor's name (ordinal comparison).</param>
    /// <param name="tensor">The tensor, or null when absent.</param>
    /// <returns>True when the tensor exists.</returns>
    public bool TryGetTensor(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out StoredTensor tensor)
    {
        Guard.NotNull(name);
        return _tensors.TryGet(name, out tensor);
    }

    /// <summary>
    /// Writes the model to <paramref name="path"/> atomically: the bytes go to a temporary file in the same folder,
    /// which is flushed to disk and then renamed over the target, so readers see either the old file or the whole
    /// new one, never a partial file.
    /// </summary>
    /// <param name="path">Destination file; an existing file is replaced.</param>
    /// <exception cref="InvalidOperationException">The model cannot be saved (invalid kind or labels, duplicate tensor names).</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path)
    {
        Guard.NotNull(path);
        var writer = new ModelFileWriter(this);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                writer.WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Writes the model to <paramref name="stream"/> at its current position (the stream is not closed). Unlike
    /// <see cref="Save(string)"/> this is not atomic: if the stream fails midway it holds a partial model, which
    /// readers reject as truncated.
    /// </summary>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="InvalidOperationException">The model cannot be saved (invalid kind or labels, duplicate tensor names).</exception>
    /// <exception cref="IOException">The stream fails.</exception>
    public void Save(Stream stream)
    {
        Guard.NotNull(stream);
        Guard.IsTrue(stream.CanWrite, "The stream must be writable.");
        new ModelFileWriter(this).WriteTo(stream);
    }

    /// <summary>The model's bytes as they would be saved (deterministic: the same model always gives the same bytes).</summary>
    /// <exception cref="InvalidOperationException">The model cannot be saved, or it is too large for one byte array.</exception>
    public byte[] ToBytes()
    {
        var writer = new ModelFileWriter(this);
        if (writer.TotalLength > Array.MaxLength)
        {
            ThrowHelper.ThrowInvalidOperation(
                string.Create(CultureInfo.InvariantCulture, $"The model needs {writer.TotalLength} bytes, more than one byte array holds; save it to a file or stream."));
        }

        byte[] bytes = new byte[writer.TotalLength];
        using var stream = new MemoryStream(bytes, writable: true);
        writer.WriteTo(stream);
        return bytes;
    }

    /// <summary>Reads and validates a model file.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="options">Size limit and expected kind; null for the defaults.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidModelException">The content is not a valid model file, is too large, or has an unexpected kind.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModelFile Load(string path, ModelFileReadOptions? options = null)
    {
        Guard.NotNull(path);
        options = Validate(options);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file not found: {path}", path);
        }

        string source = "'" + path + "'";
        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
        {
            bytes = ReadBounded(stream, ModelFileReader.EffectiveLimit(options), source);
        }

        return new ModelFileReader(bytes, options, source).Read();
    }

    /// <summary>Reads and validates a model from bytes.</summary>
    /// <param name="bytes">The whole file content.</param>
    /// <param name="options">Size limit and expected kind; null for the defaults.</param>
    /// <exception cref="InvalidModelException">The content is not a valid model file, is too large, or has an unexpected kind.</exception>
    public static ModelFile Read(ReadOnlySpan<byte> bytes, ModelFileReadOptions? options = null) =>
        new ModelFileReader(bytes, Validate(options), "<bytes>").Read();

    /// <summary>
    /// Reads and validates a model from <paramref name="stream"/>, from its current position to its end (the stream
    /// is not closed). At most <see cref="ModelFileReadOptions.MaxBytes"/> bytes are buffered; a longer stream is rejected.
    /// </summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="options">Size limit and expected kind; null for the defaults.</param>
    /// <exception cref="InvalidModelException">The content is not a valid model file, is too large, or has an unexpected kind.</exception>
    /// <exception cref="IOException">The stream fails.</exception>
    public static ModelFile Read(Stream stream, ModelFileReadOptions? options = null)
    {
        Guard.NotNull(stream);
        Guard.IsTrue(stream.CanRead, "The stream must be readable.");
        options = Validate(options);
        const string StreamSource = "<stream>";
        byte[] bytes = ReadBounded(stream, ModelFileReader.EffectiveLimit(options), StreamSource);
        return new ModelFileReader(bytes, options, StreamSource).Read();
    }

    /// <summary>Returns e.g. <c>nn/compact-cnn model (12 tensors, 3 labels)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind} model ({_tensors.Count} tensors, {Labels.Count} labels)");

    internal void SetSource(string source) => _source = source;

    internal static string? DescribeInvalidKind(string? kind)
    {
        if (string.IsNullOrEmpty(kind))
        {
            return "it is empty";
        }

        if (kind.Length > ModelFileLayout.MaxKindLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it is longer than {ModelFileLayout.MaxKindLength} characters");
        }

        return StoredTensor.DescribeInvalidName(kind);
    }

    internal static string? DescribeInvalidLabels(IReadOnlyList<string> labels)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
        {
            string? label = labels[i];
            if (label is null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"label {i} is null");
            }

            if (label.Length > 0 && StoredTensor.DescribeInvalidName(label) is { } problem)
            {
                return string.Create(CultureInfo.InvariantCulture, $"label {i} {StoredTensor.Quote(label)} is invalid: {problem}");
            }

            if (!seen.Add(label))
            {
                return string.Create(CultureInfo.InvariantCulture, $"label {i} {StoredTensor.Quote(label)} repeats an earlier label");
            }
        }

        return null;
    }

    private static ModelFileReadOptions Validate(ModelFileReadOptions? options)
    {
        options ??= new ModelFileReadOptions();
        if (options.MaxBytes <= 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), options.MaxBytes, "MaxBytes must be greater than zero");
        }

        return options;
    }

    /// <summary>
    /// Reads the rest of <paramref name="stream"/>, refusing more than <paramref name="limit"/> bytes. A seekable
    /// stream is checked by its length before anything is allocated; other streams (pipes) grow a buffer in chunks
    /// and stop as soon as the limit is passed. A stream that ends early yields what it had (the reader then
    /// reports the file as truncated).
    /// </summary>
    private static byte[] ReadBounded(Stream stream, long limit, string source)
    {
        if (stream.CanSeek)
        {
            long remaining = Math.Max(0, stream.Length - stream.Position);
            if (remaining > limit)
            {
                throw TooLarge(source, remaining, limit);
            }

            byte[] bytes = new byte[remaining];
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            return read == bytes.Length ? bytes : bytes[..read];
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                throw TooLarge(source, buffer.Length + n, limit);
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static InvalidModelException TooLarge(string source, long length, long limit) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Invalid model file {source} at offset 0: it is {length} bytes, over the limit of {limit} bytes."))
        {
            Offset = 0,
            SourceName = source,
        };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string Describe() => _source is null ? $"Model {StoredTensor.Quote(Kind)}" : $"Model file {_source} ({StoredTensor.Quote(Kind)})";
}
