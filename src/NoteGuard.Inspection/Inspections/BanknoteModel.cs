using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Features;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.Inspection.Training;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Models;
using NoteGuard.Learning.Serialization;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Inspection.Inspections;

/// <summary>What a banknote model decides.</summary>
public enum ModelTask
{
    /// <summary>Which denomination a note is (labels are denominations).</summary>
    Denomination,

    /// <summary>Whether a note is genuine or counterfeit (one label is the genuine class).</summary>
    Authenticity,
}

/// <summary>
/// The model card stored in a model file: where the data came from, how it was split, what it scored, under which
/// licence, and the exact command that re-trains it.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The training data: dataset name, size, provenance.</summary>
    public string Data { get; init; } = string.Empty;

    /// <summary>How train, validation and test were split (grouping, ratios, seed).</summary>
    public string Split { get; init; } = string.Empty;

    /// <summary>Headline test metrics with their 95% confidence intervals.</summary>
    public string Metrics { get; init; } = string.Empty;

    /// <summary>Licence of the training data and what it allows.</summary>
    public string Licence { get; init; } = string.Empty;

    /// <summary>The command that re-trains this model.</summary>
    public string Command { get; init; } = string.Empty;

    /// <summary>One line for listings: data, split and metrics.</summary>
    public string Summary => string.Join(" · ", new[] { Data, Split, Metrics }.Where(static s => s.Length > 0));
}

/// <summary>
/// A trained image model ready to inspect photos: the classifier (a network, or the texture descriptor with an SVM),
/// the preprocessing preset it was trained with (so inference preprocesses exactly as training did), its labels, task
/// and model card. Saved as a NoteGuard model file (<c>.ngm</c>, kind <c>nn/&lt;arch&gt;</c> or
/// <c>texture/svm</c>) with a <c>model</c> object in the header. Thread-safe: <see cref="Predict(Image)"/> may be
/// called from many threads (each call borrows its own copy of the network).
/// </summary>
public sealed class BanknoteModel
{
    /// <summary>The architecture name of models that classify <see cref="TextureFeatures"/> with an SVM.</summary>
    public const string TextureArchitecture = "texture-svm";

    /// <summary>Model-file kind prefix of texture models (the classifier's kind follows, e.g. <c>texture/svm</c>).</summary>
    public const string TextureKindPrefix = "texture/";

    private const string HeaderKey = "model";

    /// <summary>The SVM's support-vector tensor (<c>SvmClassifier</c>'s export name), stored as float16 in texture files.</summary>
    private const string SupportVectorsTensor = "support_vectors";
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly ModelFile _file;
    private readonly ConcurrentBag<Network> _idle = [];

    private BanknoteModel(ModelFile file, Network? network, TabularModel? texture, string name, string version, ModelTask task, string? genuineLabel, PreprocessingPreset preset, ModelCard? card, IReadOnlyList<EpochSummary> history, string? currency)
    {
        History = history;
        Currency = currency;
        _file = file;
        if (network is not null)
        {
            _idle.Add(network);
        }

        Network = network;
        TextureClassifier = texture;
        ParameterCount = network?.ParameterCount ?? file.Tensors.Sum(t => (long)t.Shape.Aggregate(1, (a, b) => a * b));
        Name = name;
        Version = version;
        Task = task;
        GenuineLabel = genuineLabel;
        Preset = preset;
        Card = card;
        Labels = file.Labels;
    }

    /// <summary>The name used to select the model, e.g. <c>vnd-denomination</c>.</summary>
    public string Name { get; }

    /// <summary>A version string, e.g. <c>2026.11.21</c>.</summary>
    public string Version { get; }

    /// <summary>What the model decides.</summary>
    public ModelTask Task { get; }

    /// <summary>The label of the genuine class for <see cref="ModelTask.Authenticity"/> models; null otherwise.</summary>
    public string? GenuineLabel { get; }

    /// <summary>Class labels in the network's output order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The preprocessing the network expects.</summary>
    public PreprocessingPreset Preset { get; }

    /// <summary>The model card, or null when the file has none.</summary>
    public ModelCard? Card { get; }

    /// <summary>
    /// ISO 4217 code of the notes the model was trained on (e.g. <c>BDT</c>, <c>VND</c>), or null when unknown. An
    /// authenticity model only judges notes of its currency when a denomination model has read the note.
    /// </summary>
    public string? Currency { get; }

    /// <summary>The training curve stored with the model (one row per epoch), empty when unknown.</summary>
    public IReadOnlyList<EpochSummary> History { get; }

    /// <summary>
    /// The network (evaluation mode), or null for a <see cref="TextureArchitecture"/> model. Not thread-safe; use
    /// <see cref="Predict(Image)"/> from many threads.
    /// </summary>
    public Network? Network { get; }

    /// <summary>
    /// The scaler and SVM that classify <see cref="TextureFeatures"/> of the preset's tensor, or null for a network model.
    /// </summary>
    public TabularModel? TextureClassifier { get; }

    /// <summary>The architecture name, e.g. <c>compact-cnn</c> or <c>texture-svm</c>.</summary>
    public string Architecture => Network?.Architecture ?? TextureArchitecture;

    /// <summary>Learned values: the network's trainable parameters, or every value the texture classifier stores (support vectors, coefficients, scaler).</summary>
    public long ParameterCount { get; }

    /// <summary>Path the model was loaded from, or null.</summary>
    public string? FilePath { get; private set; }

    /// <summary>The task as written in JSON and listings: <c>denomination</c> or <c>authenticity</c>.</summary>
    public string TaskName => TaskToString(Task);

    /// <summary>
    /// Wraps a trained network with what inference needs. Throws <see cref="ArgumentException"/> when the labels do
    /// not match the network's classes, the preset's tensor shape differs from the network input, or an
    /// authenticity model's <paramref name="genuineLabel"/> is not one of its labels.
    /// </summary>
    public static BanknoteModel Create(
        Network network, IReadOnlyList<string> labels, PreprocessingPreset preset, string name, ModelTask task,
        string? genuineLabel = null, ModelCard? card = null, string? version = null, IReadOnlyList<EpochSummary>? history = null, string? currency = null)
    {
        Guard.NotNull(network);
        Guard.NotNull(labels);
        Guard.NotNull(preset);
        Guard.IsTrue(!string.IsNullOrWhiteSpace(name), "a model needs a name.", nameof(name));
        Guard.IsTrue(labels.Count == network.Classes, $"{labels.Count} labels for a network with {network.Classes} outputs.", nameof(labels));
        Guard.IsTrue(
            network.InputShape.SequenceEqual([preset.Channels, preset.Height, preset.Width]),
            $"preset '{preset.Name}' makes {preset.Channels}×{preset.Height}×{preset.Width} tensors; the network takes {string.Join('×', network.InputShape)}.",
            nameof(preset));
        Guard.IsTrue(task != ModelTask.Authenticity || (genuineLabel is not null && labels.Contains(genuineLabel)), "an authenticity model needs its genuine label among its labels.", nameof(genuineLabel));
        var file = NetworkFile.ToModelFile(network, labels);
        file.Header[HeaderKey] = InspectionHeader(name, task, genuineLabel, preset, card, version, history, currency);
        return FromModelFile(file);
    }

    /// <summary>
    /// Wraps a texture classifier (trained on <see cref="TextureFeatures"/> of images preprocessed with
    /// <paramref name="preset"/>) with what inference needs; the labels are the classifier's. Throws
    /// <see cref="ArgumentException"/> when the classifier does not take the texture descriptor, the preset is not RGB
    /// with mean 0 and standard deviation 1 (or is smaller than 8×8), or an authenticity model's
    /// <paramref name="genuineLabel"/> is not one of its labels.
    /// </summary>
    public static BanknoteModel CreateTexture(
        TabularModel classifier, PreprocessingPreset preset, string name, ModelTask task,
        string? genuineLabel = null, ModelCard? card = null, string? version = null, string? currency = null)
    {
        Guard.NotNull(classifier);
        Guard.NotNull(preset);
        Guard.IsTrue(!string.IsNullOrWhiteSpace(name), "a model needs a name.", nameof(name));
        Guard.IsTrue(classifier.FeatureNames.SequenceEqual(TextureFeatures.Names), "the classifier was not trained on the texture descriptor.", nameof(classifier));
        Guard.IsTrue(TextureFeatures.PresetProblem(preset) is null, TextureFeatures.PresetProblem(preset) ?? string.Empty, nameof(preset));
        Guard.IsTrue(task != ModelTask.Authenticity || (genuineLabel is not null && classifier.Labels.Contains(genuineLabel)), "an authenticity model needs its genuine label among its labels.", nameof(genuineLabel));
        var file = TextureFile(classifier);
        file.Header[HeaderKey] = InspectionHeader(name, task, genuineLabel, preset, card, version, null, currency);
        return FromModelFile(file);
    }

    /// <summary>Loads a model file written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidModelException">The file is corrupt, not a network, or lacks the inspection header; the message says what.</exception>
    public static BanknoteModel Load(string path)
    {
        Guard.NotNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No such model file: {path}", path);
        }

        var file = ModelFile.Load(path);
        if (!file.Kind.StartsWith(NetworkFile.KindPrefix, StringComparison.Ordinal) && !file.Kind.StartsWith(TextureKindPrefix, StringComparison.Ordinal))
        {
            throw new InvalidModelException($"{path}: it holds a '{file.Kind}' model, not an image model (kind 'nn/...' or 'texture/...')") { SourceName = path };
        }

        var model = FromModelFile(file);
        model.FilePath = Path.GetFullPath(path);
        return model;
    }

    /// <summary>Builds the model a parsed model file describes.</summary>
    /// <exception cref="InvalidModelException">Neither a network nor a texture model, or the inspection header is missing or invalid.</exception>
    public static BanknoteModel FromModelFile(ModelFile file)
    {
        Guard.NotNull(file);
        Network? network = null;
        TabularModel? texture = null;
        if (file.Kind.StartsWith(TextureKindPrefix, StringComparison.Ordinal))
        {
            texture = TabularModel.FromModelFile(WithKind(file, file.Kind[TextureKindPrefix.Length..], Widen));
            if (!texture.FeatureNames.SequenceEqual(TextureFeatures.Names))
            {
                throw new InvalidModelException($"texture model's features are not this build's texture descriptor ({texture.FeatureNames.Count} named, {TextureFeatures.Length} expected)");
            }
        }
        else
        {
            network = NetworkFile.FromModelFile(file);
        }

        string architecture = network?.Architecture ?? TextureArchitecture;
        int classes = network?.Classes ?? texture!.Classifier.ClassCount;
        if (file.Header[HeaderKey] is not JsonObject header)
        {
            throw new InvalidModelException($"model file has no '{HeaderKey}' header: it is a bare {architecture} model, not a trained NoteGuard banknote model (train one with `noteguard train`)");
        }

        string name = HeaderString(header, "name") ?? throw new InvalidModelException("model header needs a 'name'");
        string version = HeaderString(header, "version") ?? "0";
        var task = HeaderString(header, "task") switch
        {
            "denomination" => ModelTask.Denomination,
            "authenticity" => ModelTask.Authenticity,
            var other => throw new InvalidModelException($"model header 'task' is '{other}': expected 'denomination' or 'authenticity'"),
        };
        string? genuine = HeaderString(header, "genuine_label");
        if (file.Labels.Count != classes)
        {
            throw new InvalidModelException($"model has {file.Labels.Count} labels for {classes} outputs");
        }

        if (task == ModelTask.Authenticity && (genuine is null || !file.Labels.Contains(genuine)))
        {
            throw new InvalidModelException($"authenticity model's 'genuine_label' ('{genuine}') is not one of its labels");
        }

        PreprocessingPreset preset;
        try
        {
            preset = PreprocessingPreset.FromJson(header["preset"]?.ToJsonString() ?? throw new InvalidModelException("model header needs a 'preset'"));
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidModelException($"model header 'preset': {ex.Message}", ex);
        }

        if (network is not null && !network.InputShape.SequenceEqual([preset.Channels, preset.Height, preset.Width]))
        {
            throw new InvalidModelException($"preset '{preset.Name}' does not match the network input {string.Join('×', network.InputShape)}");
        }

        if (texture is not null && TextureFeatures.PresetProblem(preset) is string problem)
        {
            throw new InvalidModelException($"texture model's {problem}");
        }

        ModelCard? card;
        IReadOnlyList<EpochSummary> history;
        try
        {
            card = header["card"] is JsonObject c ? c.Deserialize<ModelCard>(s_json) : null;
            history = header["history"] is JsonArray h ? h.Deserialize<List<EpochSummary>>(s_json) ?? [] : [];
        }
        catch (JsonException ex)
        {
            throw new InvalidModelException($"model header 'card' or 'history' is invalid: {ex.Message}", ex);
        }

        return new BanknoteModel(file, network, texture, name, version, task, genuine, preset, card, history, HeaderString(header, "currency"));
    }

    /// <summary>The same model with <paramref name="card"/> as its model card (e.g. once the test metrics are known).</summary>
    public BanknoteModel WithCard(ModelCard card)
    {
        Guard.NotNull(card);
        var file = ToModelFile();
        ((JsonObject)file.Header[HeaderKey]!)["card"] = JsonSerializer.SerializeToNode(card, s_json);
        var model = FromModelFile(file);
        model.FilePath = FilePath;
        return model;
    }

    /// <summary>Writes the model (current weights, labels, preset, card) to <paramref name="path"/> atomically.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path)
    {
        Guard.NotNull(path);
        ToModelFile().Save(path);
    }

    /// <summary>The model as a model file with the network's current weights (or the texture classifier).</summary>
    public ModelFile ToModelFile()
    {
        var file = Network is null ? TextureFile(TextureClassifier!) : NetworkFile.ToModelFile(Network, Labels);
        file.Header[HeaderKey] = _file.Header[HeaderKey]!.DeepClone();
        return file;
    }

    /// <summary>
    /// Class probabilities (in <see cref="Labels"/> order, summing to 1) for one decoded photo: the preset's
    /// preprocessing, then the network. Safe to call from many threads.
    /// </summary>
    public float[] Predict(Image image)
    {
        Guard.NotNull(image);
        var input = Preprocessor.Run(image, Preset);
        return PredictPrepared(input);
    }

    /// <summary>
    /// Class probabilities for one image already preprocessed with <see cref="Preset"/> (a CHW tensor of
    /// <see cref="PreprocessingPreset.TensorLength"/> floats). Safe to call from many threads.
    /// Throws <see cref="ArgumentException"/> for a wrong length.
    /// </summary>
    public float[] PredictPrepared(float[] input)
    {
        Guard.NotNull(input);
        Guard.IsTrue(input.Length == Preset.TensorLength, $"expected {Preset.TensorLength} floats, got {input.Length}.", nameof(input));
        if (TextureClassifier is { } texture)
        {
            var features = new FeatureMatrix(1, TextureFeatures.Length);
            TextureFeatures.Extract(input, Preset.Width, Preset.Height, features.Row(0));
            double[] scores = texture.PredictScores(features);
            return Array.ConvertAll(scores, static p => (float)p);
        }

        var network = Rent();
        try
        {
            return network.PredictProbabilities(new Tensor(input, 1, Preset.Channels, Preset.Height, Preset.Width));
        }
        finally
        {
            _idle.Add(network);
        }
    }

    /// <summary>
    /// Median wall-clock milliseconds of one batch-1 prediction on an already preprocessed input (after warm-up, on a
    /// seeded random tensor): the model's share of a single-photo check, without decoding and preprocessing. For a
    /// texture model it includes the descriptor.
    /// </summary>
    public double MeasureLatencyMilliseconds(int runs = 25)
    {
        Guard.MustBePositive(runs);
        if (Network is not null)
        {
            return ImageEvaluation.MeasureLatencyMilliseconds(Network, runs);
        }

        var input = new float[Preset.TensorLength];
        var random = new Random(7);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = random.NextSingle();
        }

        PredictPrepared(input);
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            PredictPrepared(input);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }

    /// <summary>The model as a listing entry.</summary>
    public ModelSummary ToSummary() => new(Name, Version, TaskName, Labels, Card?.Summary);

    internal static string TaskToString(ModelTask task) => task == ModelTask.Authenticity ? "authenticity" : "denomination";

    private Network Rent()
    {
        // Each concurrent caller gets its own copy (layers keep per-call buffers); copies are kept for reuse.
        return _idle.TryTake(out var network) ? network : NetworkFile.FromModelFile(ToModelFile());
    }

    private static JsonObject InspectionHeader(
        string name, ModelTask task, string? genuineLabel, PreprocessingPreset preset, ModelCard? card, string? version, IReadOnlyList<EpochSummary>? history, string? currency) => new()
    {
        ["name"] = name,
        ["version"] = version ?? DateTime.UtcNow.ToString("yyyy.MM.dd", CultureInfo.InvariantCulture),
        ["task"] = TaskToString(task),
        ["genuine_label"] = genuineLabel,
        ["currency"] = currency?.ToUpperInvariant(),
        ["preset"] = JsonNode.Parse(preset.ToJson()),
        ["card"] = card is null ? null : JsonSerializer.SerializeToNode(card, s_json),
        ["history"] = history is null ? null : JsonSerializer.SerializeToNode(history, s_json),
    };

    /// <summary>
    /// The classifier's model file under the texture kind, narrowed: the support vectors (hundreds × 2,736 standardised
    /// descriptor values, nearly all of the file) as float16, every other float64 tensor (scaler, coefficients, offsets,
    /// Platt parameters) as float32. docs/results.md gives the measured effect of float16 on the taka model.
    /// <see cref="FromModelFile"/> widens them back, so a created model equals its saved file.
    /// </summary>
    private static ModelFile TextureFile(TabularModel classifier)
    {
        var inner = classifier.ToModelFile();
        return WithKind(inner, TextureKindPrefix + inner.Kind, static t => t.DataType != TensorDataType.Float64 ? t
            : t.Name == SupportVectorsTensor ? new StoredTensor(t.Name, [.. t.Shape], Array.ConvertAll(t.AsFloat64(), static v => (Half)v))
            : new StoredTensor(t.Name, [.. t.Shape], Array.ConvertAll(t.AsFloat64(), static v => (float)v)));
    }

    /// <summary>Widens a texture file's float16 and float32 tensors back to the float64 the tabular model reads.</summary>
    private static StoredTensor Widen(StoredTensor t) => t.DataType switch
    {
        TensorDataType.Float16 => new StoredTensor(t.Name, [.. t.Shape], Array.ConvertAll(t.AsFloat16(), static v => (double)v)),
        TensorDataType.Float32 => new StoredTensor(t.Name, [.. t.Shape], Array.ConvertAll(t.AsFloat32(), static v => (double)v)),
        _ => t,
    };

    /// <summary>The same header and labels under another kind, each tensor passed through <paramref name="convert"/>.</summary>
    private static ModelFile WithKind(ModelFile file, string kind, Func<StoredTensor, StoredTensor> convert)
    {
        var copy = new ModelFile { Kind = kind, Header = file.Header, Labels = file.Labels };
        foreach (var tensor in file.Tensors)
        {
            copy.Tensors.Add(convert(tensor));
        }

        return copy;
    }


    private static string? HeaderString(JsonObject header, string key)
    {
        try
        {
            return header[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
