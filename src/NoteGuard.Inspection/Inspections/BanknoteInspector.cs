using System.Diagnostics;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Inspection.Inspections;

/// <summary>Settings of a <see cref="BanknoteInspector"/>.</summary>
public sealed record BanknoteInspectorOptions
{
    /// <summary>The defaults: top 3, <see cref="DecoderOptions.Default"/>.</summary>
    public static BanknoteInspectorOptions Default { get; } = new();

    /// <summary>How many denominations to list in <see cref="DenominationResult.TopK"/> (at least 1; capped at the model's label count). Default 3.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>Decoder limits for the uploaded or read image (pixel-count guard against decompression bombs).</summary>
    public DecoderOptions Decoder { get; init; } = DecoderOptions.Default;
}

/// <summary>
/// Inspects banknote photos with trained <see cref="BanknoteModel"/>s: decodes the image, preprocesses it once per
/// distinct preset, and runs the first denomination model and the first authenticity model among the selected ones
/// (a further model of the same task is not run: it would not change the result). A model that only knows
/// denominations never fills <see cref="InspectionResult.Authenticity"/>. Thread-safe: one instance serves many
/// threads (each model prediction borrows its own network copy).
/// </summary>
public sealed class BanknoteInspector : IBanknoteInspector
{
    private readonly BanknoteModel[] _models;
    private readonly BanknoteInspectorOptions _options;

    /// <summary>Creates an inspector over <paramref name="models"/>, which run in the given order by default.</summary>
    /// <exception cref="ArgumentException">Two models share a name (case-insensitive), or <see cref="BanknoteInspectorOptions.TopK"/> is below 1.</exception>
    public BanknoteInspector(IEnumerable<BanknoteModel> models, BanknoteInspectorOptions? options = null)
    {
        Guard.NotNull(models);
        _models = [.. models];
        _options = options ?? BanknoteInspectorOptions.Default;
        Guard.IsTrue(_options.TopK >= 1, $"TopK must be at least 1, got {_options.TopK}.", nameof(options));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in _models)
        {
            Guard.NotNull(model, nameof(models));
            Guard.IsTrue(names.Add(model.Name), $"two models are called '{model.Name}'.", nameof(models));
        }

        Models = [.. _models.Select(static m => m.ToSummary())];
    }

    /// <inheritdoc />
    public IReadOnlyList<ModelSummary> Models { get; }

    /// <summary>The loaded models, in default order.</summary>
    public IReadOnlyList<BanknoteModel> BanknoteModels => _models;

    /// <inheritdoc />
    public InspectionResult Inspect(ReadOnlyMemory<byte> image, IReadOnlyList<string>? models, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        var notes = new List<string>();
        var selected = Select(models, notes);
        cancellationToken.ThrowIfCancellationRequested();
        using var decoded = ImageCodec.Decode(image.Span, _options.Decoder);
        double decodeMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return Run(decoded, selected, notes, start, decodeMs, cancellationToken);
    }

    /// <summary>
    /// Inspects an image already decoded (the decode time is then 0). Throws what
    /// <see cref="Inspect(ReadOnlyMemory{byte}, IReadOnlyList{string}?, CancellationToken)"/> throws, except for decoding errors.
    /// </summary>
    public InspectionResult Inspect(Image image, IReadOnlyList<string>? models = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(image);
        long start = Stopwatch.GetTimestamp();
        var notes = new List<string>();
        return Run(image, Select(models, notes), notes, start, 0, cancellationToken);
    }

    /// <summary>The first denomination and the first authenticity model among the selection, in selection order.</summary>
    private List<BanknoteModel> Select(IReadOnlyList<string>? names, List<string> notes)
    {
        IEnumerable<BanknoteModel> candidates;
        if (names is not { Count: > 0 })
        {
            candidates = _models;
        }
        else
        {
            var chosen = new List<BanknoteModel>(names.Count);
            foreach (string name in names)
            {
                var model = Array.Find(_models, m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new UnknownModelException(_models.Length == 0
                        ? $"Unknown model '{name}': no models are loaded."
                        : $"Unknown model '{name}': loaded models are {string.Join(", ", _models.Select(m => m.Name))}.");
                chosen.Add(model);
            }

            candidates = chosen;
        }

        var run = new List<BanknoteModel>(2);
        bool denomination = false;
        bool authenticity = false;
        foreach (var model in candidates)
        {
            if (model.Task == ModelTask.Denomination && !denomination)
            {
                denomination = true;
                run.Add(model);
            }
            else if (model.Task == ModelTask.Authenticity && !authenticity)
            {
                authenticity = true;
                run.Add(model);
            }
        }

        // By default an authenticity model judges only notes of its own currency: a taka counterfeit detector says
        // nothing useful about a dong note. Naming the models explicitly runs them regardless.
        if (names is not { Count: > 0 }
            && run.Find(m => m.Task == ModelTask.Denomination) is { Currency: { } read }
            && run.Find(m => m.Task == ModelTask.Authenticity) is { Currency: { } judged } judge
            && !string.Equals(read, judged, StringComparison.OrdinalIgnoreCase))
        {
            run.Remove(judge);
            notes.Add($"authenticity not judged: the authenticity model '{judge.Name}' covers {judged} notes and the denomination model reads {read} notes (ask for both models by name to run them anyway)");
        }

        return run;
    }

    private InspectionResult Run(Image image, List<BanknoteModel> models, List<string> notes, long start, double decodeMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Preprocess once per distinct preset: two models trained with the same preset share the tensor.
        long stage = Stopwatch.GetTimestamp();
        var inputs = new float[models.Count][];
        var byPreset = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (int i = 0; i < models.Count; i++)
        {
            string key = models[i].Preset.ToJson();
            if (!byPreset.TryGetValue(key, out var input))
            {
                input = Preprocessor.Run(image, models[i].Preset);
                byPreset.Add(key, input);
            }

            inputs[i] = input;
        }

        double preprocessMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
        cancellationToken.ThrowIfCancellationRequested();

        stage = Stopwatch.GetTimestamp();
        DenominationResult? denomination = null;
        AuthenticityResult? authenticity = null;
        var used = new List<ModelReference>(models.Count);
        for (int i = 0; i < models.Count; i++)
        {
            var model = models[i];
            float[] probabilities = model.PredictPrepared(inputs[i]);
            if (model.Task == ModelTask.Denomination)
            {
                denomination = Denominate(model, probabilities, _options.TopK);
            }
            else
            {
                authenticity = Judge(model, probabilities);
            }

            used.Add(new ModelReference(model.Name, model.Version));
        }

        double inferMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
        return new InspectionResult
        {
            Denomination = denomination,
            Authenticity = authenticity,
            TimingMs = new InspectionTiming(decodeMs, preprocessMs, inferMs, Stopwatch.GetElapsedTime(start).TotalMilliseconds),
            Models = used,
            Notes = notes,
        };
    }

    internal static DenominationResult Denominate(BanknoteModel model, float[] probabilities, int topK)
    {
        int k = Math.Min(topK, probabilities.Length);
        var order = new int[probabilities.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Highest first; ties keep label order so results are deterministic.
        Array.Sort(order, (a, b) => probabilities[a] != probabilities[b] ? probabilities[b].CompareTo(probabilities[a]) : a.CompareTo(b));
        var top = new LabelProbability[k];
        for (int i = 0; i < k; i++)
        {
            top[i] = new LabelProbability(model.Labels[order[i]], probabilities[order[i]]);
        }

        return new DenominationResult(top[0].Label, top[0].Probability, top);
    }

    internal static AuthenticityResult Judge(BanknoteModel model, float[] probabilities)
    {
        Debug.Assert(model.GenuineLabel is not null, "an authenticity model always has its genuine label");
        int genuine = -1;
        for (int i = 0; i < model.Labels.Count; i++)
        {
            if (model.Labels[i] == model.GenuineLabel)
            {
                genuine = i;
                break;
            }
        }

        double pGenuine = Math.Clamp(probabilities[genuine], 0, 1);
        return pGenuine >= 0.5
            ? new AuthenticityResult(CounterfeitVerdict.Genuine, pGenuine)
            : new AuthenticityResult(CounterfeitVerdict.Counterfeit, 1 - pGenuine);
    }
}
