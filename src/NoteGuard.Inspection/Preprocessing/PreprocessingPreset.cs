using System.Text.Json;
using System.Text.Json.Serialization;
using NoteGuard.Imaging.Processing.Pipeline;

namespace NoteGuard.Inspection.Preprocessing;

/// <summary>The channels a preset feeds the network.</summary>
public enum PresetColor
{
    /// <summary>Three channels, R, G, B.</summary>
    Rgb,

    /// <summary>One luminance channel.</summary>
    Gray,
}

/// <summary>
/// How images become network input, stored in model files so inference preprocesses exactly as training did:
/// <see cref="Steps"/> (image operations, e.g. <c>median:k=3</c>) run on the decoded image; the result is resampled
/// to <see cref="Width"/> × <see cref="Height"/>, scaled to 0..1 and normalised per channel as
/// <c>(value − Mean[c]) / Std[c]</c>, giving a float tensor in CHW order.
/// </summary>
public sealed record PreprocessingPreset
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Name of the preset, e.g. <c>enhanced</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Network input width in pixels (1..4096).</summary>
    public required int Width { get; init; }

    /// <summary>Network input height in pixels (1..4096).</summary>
    public required int Height { get; init; }

    /// <summary>Output channels: <see cref="PresetColor.Rgb"/> (3) or <see cref="PresetColor.Gray"/> (1).</summary>
    public PresetColor Color { get; init; } = PresetColor.Rgb;

    /// <summary>
    /// When set, the (cropped) image is first shrunk by the largest whole factor that keeps both sides at least this many
    /// pixels (block averaging), and the steps run on that smaller image. Null (default) runs the steps at full size.
    /// The <c>enhanced</c> preset uses 128 (twice its input): its median, sharpen and CLAHE then cost a ninth on 384 px photos.
    /// </summary>
    public int? WorkingSize { get; init; }

    /// <summary>Image operations applied in order to the decoded image (<see cref="ImagePipeline"/> specs).</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>
    /// Weights of R, G, B when a colour image must become gray for a <see cref="PresetColor.Gray"/> preset and no step
    /// already made it gray. Default Rec. 601 (0.299, 0.587, 0.114).
    /// </summary>
    public IReadOnlyList<float> GrayWeights { get; init; } = [0.299f, 0.587f, 0.114f];

    /// <summary>Per-channel mean subtracted after scaling to 0..1 (one value per output channel).</summary>
    public IReadOnlyList<float> Mean { get; init; } = [0f, 0f, 0f];

    /// <summary>Per-channel standard deviation divided by after subtracting the mean (each &gt; 0).</summary>
    public IReadOnlyList<float> Std { get; init; } = [1f, 1f, 1f];

    /// <summary>Output channels (3 or 1).</summary>
    [JsonIgnore]
    public int Channels => Color == PresetColor.Rgb ? 3 : 1;

    /// <summary>Floats of one preprocessed image (Channels × Height × Width).</summary>
    [JsonIgnore]
    public int TensorLength => Channels * Height * Width;

    /// <summary>The preset as indented JSON (snake_case keys), as stored in model files.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>
    /// Reads a preset from JSON and validates it. Throws <see cref="InvalidDataException"/> for malformed JSON,
    /// unknown keys or invalid values (the message says which), including a step that names an unknown operation.
    /// </summary>
    public static PreprocessingPreset FromJson(string json)
    {
        Guard.NotNull(json);
        PreprocessingPreset? preset;
        try
        {
            preset = JsonSerializer.Deserialize<PreprocessingPreset>(json, s_json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Preprocessing preset JSON is invalid: {ex.Message}", ex);
        }

        if (preset is null)
        {
            throw new InvalidDataException("Preprocessing preset JSON is null.");
        }

        try
        {
            preset.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Preprocessing preset '{preset.Name}': {ex.Message}", ex);
        }

        return preset;
    }

    /// <summary>Checks sizes, statistics and steps; throws <see cref="ArgumentException"/> naming the bad value.</summary>
    public void Validate()
    {
        Guard.IsTrue(!string.IsNullOrWhiteSpace(Name), "The preset needs a name.", nameof(Name));
        Guard.MustBeBetween(Width, 1, 4096, nameof(Width));
        Guard.MustBeBetween(Height, 1, 4096, nameof(Height));
        Guard.IsTrue(WorkingSize is null or (>= 1 and <= 65536), "working_size must be in 1..65536.", nameof(WorkingSize));
        Guard.IsTrue(Enum.IsDefined(Color), $"Unknown color {Color}.", nameof(Color));
        Guard.NotNull(Steps);
        Guard.NotNull(Mean);
        Guard.NotNull(Std);
        Guard.NotNull(GrayWeights);
        Guard.IsTrue(Mean.Count == Channels, $"mean has {Mean.Count} values for {Channels} channel(s).", nameof(Mean));
        Guard.IsTrue(Std.Count == Channels, $"std has {Std.Count} values for {Channels} channel(s).", nameof(Std));
        Guard.IsTrue(Std.All(s => s > 0 && float.IsFinite(s)), "every std must be a finite number > 0.", nameof(Std));
        Guard.IsTrue(Mean.All(float.IsFinite), "every mean must be finite.", nameof(Mean));
        Guard.IsTrue(GrayWeights.Count == 3 && GrayWeights.All(w => w >= 0 && float.IsFinite(w)) && GrayWeights.Sum() > 0, "gray_weights must be three non-negative numbers, not all zero.", nameof(GrayWeights));
        foreach (string step in Steps)
        {
            _ = ImagePipeline.Parse(step);
        }
    }
}
