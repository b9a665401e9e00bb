using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoteGuard.Inspection.Inspections;

/// <summary>
/// What an inspection of one image found: the shape <c>noteguard check --json</c> prints per image and the web
/// service answers (there with an inspection id added). Serialized with snake_case names
/// (<c>denomination</c>, <c>authenticity</c>, <c>timing_ms</c>, <c>models</c>).
/// </summary>
public sealed record InspectionResult
{
    /// <summary>The most probable denomination with the top-k alternatives, or null when no denomination model ran. Always written (as null) in JSON.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DenominationResult? Denomination { get; init; }

    /// <summary>
    /// Genuine or counterfeit with its probability, or null when no authenticity model ran: a model that only knows
    /// denominations does not pretend to judge authenticity. Always written (as null) in JSON.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public AuthenticityResult? Authenticity { get; init; }

    /// <summary>Wall-clock time of each stage, in milliseconds.</summary>
    public required InspectionTiming TimingMs { get; init; }

    /// <summary>The models that produced this result, with their versions.</summary>
    public required IReadOnlyList<ModelReference> Models { get; init; }

    /// <summary>Why a decision is missing or limited (e.g. an authenticity model of another currency was not run); empty when nothing to say.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A denomination decision.</summary>
/// <param name="Label">The model's label for the most probable class, e.g. <c>100000</c>.</param>
/// <param name="Probability">Its probability, in [0, 1].</param>
/// <param name="TopK">The most probable labels, best first, including <paramref name="Label"/>.</param>
public sealed record DenominationResult(string Label, double Probability, IReadOnlyList<LabelProbability> TopK);

/// <summary>One label with its probability in [0, 1].</summary>
public sealed record LabelProbability(string Label, double Probability);

/// <summary>An authenticity decision.</summary>
/// <param name="Verdict">Genuine or counterfeit (JSON: <c>"genuine"</c> / <c>"counterfeit"</c>).</param>
/// <param name="Probability">Probability of <paramref name="Verdict"/>, in [0.5, 1] for a two-class model.</param>
public sealed record AuthenticityResult(CounterfeitVerdict Verdict, double Probability);

/// <summary>Whether a note looks genuine. Written in JSON as lower-case words.</summary>
[JsonConverter(typeof(CounterfeitVerdictJsonConverter))]
public enum CounterfeitVerdict
{
    /// <summary>The note looks genuine.</summary>
    Genuine,

    /// <summary>The note looks counterfeit.</summary>
    Counterfeit,
}

/// <summary>Stage timings of one inspection, in milliseconds; <see cref="Total"/> includes all stages.</summary>
/// <param name="Decode">Decoding the image file.</param>
/// <param name="Preprocess">Resizing and normalising for the models.</param>
/// <param name="Infer">Running the models.</param>
/// <param name="Total">The whole inspection.</param>
public sealed record InspectionTiming(double Decode, double Preprocess, double Infer, double Total);

/// <summary>A model that took part in an inspection.</summary>
/// <param name="Name">The model's name, e.g. <c>vnd-denomination</c>.</param>
/// <param name="Version">The model's version string from its file.</param>
public sealed record ModelReference(string Name, string Version);

/// <summary>A loaded model as listed by hosts (<c>noteguard models list</c>, <c>GET /api/v1/models</c>).</summary>
/// <param name="Name">Name used to select it.</param>
/// <param name="Version">Version string from the model file.</param>
/// <param name="Task">What it decides: <c>denomination</c> or <c>authenticity</c>.</param>
/// <param name="Labels">Its class labels, in output order.</param>
/// <param name="Card">A short model-card summary (data, split, headline metric), or null.</param>
public sealed record ModelSummary(string Name, string Version, string Task, IReadOnlyList<string> Labels, string? Card = null);

/// <summary>Thrown when a requested model name is not loaded; the message lists the loaded names.</summary>
public sealed class UnknownModelException : Exception
{
    /// <summary>Creates the exception with a message naming the unknown model.</summary>
    public UnknownModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public UnknownModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (prefer the overloads that explain).</summary>
    public UnknownModelException()
        : base("Unknown model.")
    {
    }
}

/// <summary>Reads and writes <see cref="CounterfeitVerdict"/> as <c>"genuine"</c> / <c>"counterfeit"</c>.</summary>
internal sealed class CounterfeitVerdictJsonConverter : JsonConverter<CounterfeitVerdict>
{
    public override CounterfeitVerdict Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() switch
        {
            "genuine" => CounterfeitVerdict.Genuine,
            "counterfeit" => CounterfeitVerdict.Counterfeit,
            var other => throw new JsonException($"Unknown verdict '{other}': expected \"genuine\" or \"counterfeit\"."),
        };

    public override void Write(Utf8JsonWriter writer, CounterfeitVerdict value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value == CounterfeitVerdict.Genuine ? "genuine" : "counterfeit");
}
