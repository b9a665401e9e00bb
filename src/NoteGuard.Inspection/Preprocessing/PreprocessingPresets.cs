namespace NoteGuard.Inspection.Preprocessing;

/// <summary>The seeds' preprocessing presets by name, and custom presets from JSON files.</summary>
public static class PreprocessingPresets
{
    /// <summary>ImageNet channel means (R, G, B) on 0..1 values.</summary>
    public static IReadOnlyList<float> ImageNetMean { get; } = [0.485f, 0.456f, 0.406f];

    /// <summary>ImageNet channel standard deviations (R, G, B) on 0..1 values.</summary>
    public static IReadOnlyList<float> ImageNetStd { get; } = [0.229f, 0.224f, 0.225f];

    /// <summary>Names accepted by <see cref="Get"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["resnet-imagenet", "gray-histeq", "gray-histeq-wiener", "enhanced", "texture"];

    /// <summary>Seed 000: 224×224 RGB, ImageNet mean/std, no enhancement.</summary>
    public static PreprocessingPreset ResnetImageNet(int size = 224) => new()
    {
        Name = "resnet-imagenet",
        Width = size,
        Height = size,
        Color = PresetColor.Rgb,
        Mean = ImageNetMean,
        Std = ImageNetStd,
    };

    /// <summary>
    /// Seed 001: gray = 0.17R + 0.62G + 0.21B, histogram equalisation, optionally a 3×3 Wiener filter, 224×224
    /// gray scaled to 0..1.
    /// </summary>
    public static PreprocessingPreset GrayHistEq(bool wiener = false, int size = 224) => new()
    {
        Name = wiener ? "gray-histeq-wiener" : "gray-histeq",
        Width = size,
        Height = size,
        Color = PresetColor.Gray,
        Steps = wiener
            ? ["gray:weights=seed001", "equalize", "wiener:k=3"]
            : ["gray:weights=seed001", "equalize"],
        GrayWeights = [0.17f, 0.62f, 0.21f],
        Mean = [0f],
        Std = [1f],
    };

    /// <summary>
    /// Seed 004: median 3×3, sharpen (centre 9, neighbours −1), 2–98 percentile stretch per channel, CLAHE on Lab L
    /// (clip 2.0, 8×8 tiles), 64×64 RGB normalised with ImageNet statistics. The steps run at a working size of twice
    /// the input (128 px for 64), which keeps the filters' effect at the scale the network sees and costs a ninth.
    /// </summary>
    public static PreprocessingPreset Enhanced(int size = 64) => new()
    {
        Name = "enhanced",
        Width = size,
        Height = size,
        WorkingSize = 2 * size,
        Color = PresetColor.Rgb,
        Steps = ["median:k=3", "sharpen", "stretch:low=2,high=98", "clahe:clip=2,tiles=8"], // clahe enhances Lab L of colour images
        Mean = ImageNetMean,
        Std = ImageNetStd,
    };

    /// <summary>
    /// The input of the <c>texture-svm</c> model: the photo resampled to <paramref name="size"/> × <paramref name="size"/> RGB
    /// (default 384, the resolution of the taka crops), values 0..1 with no normalisation and no enhancement, so the
    /// print texture reaches <see cref="Features.TextureFeatures"/> unaltered.
    /// </summary>
    public static PreprocessingPreset Texture(int size = 384) => new()
    {
        Name = "texture",
        Width = size,
        Height = size,
        Color = PresetColor.Rgb,
        Mean = [0f, 0f, 0f],
        Std = [1f, 1f, 1f],
    };

    /// <summary>
    /// The preset called <paramref name="name"/> (case-insensitive), optionally at another square input size.
    /// Throws <see cref="ArgumentException"/> for an unknown name.
    /// </summary>
    public static PreprocessingPreset Get(string name, int? size = null)
    {
        Guard.NotNull(name);
        return name.ToLowerInvariant() switch
        {
            "resnet-imagenet" => ResnetImageNet(size ?? 224),
            "gray-histeq" => GrayHistEq(false, size ?? 224),
            "gray-histeq-wiener" => GrayHistEq(true, size ?? 224),
            "enhanced" => Enhanced(size ?? 64),
            "texture" => Texture(size ?? 384),
            _ => throw new ArgumentException($"Unknown preprocessing preset '{name}'. Known: {string.Join(", ", Names)}, or a .json file.", nameof(name)),
        };
    }

    /// <summary>
    /// A built-in preset by name, or a custom one when <paramref name="nameOrPath"/> ends in <c>.json</c>.
    /// Throws <see cref="FileNotFoundException"/>, <see cref="InvalidDataException"/> (bad JSON) or <see cref="ArgumentException"/> (unknown name).
    /// </summary>
    public static PreprocessingPreset Resolve(string nameOrPath)
    {
        Guard.NotNull(nameOrPath);
        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(nameOrPath))
            {
                throw new FileNotFoundException($"No such preset file: {nameOrPath}", nameOrPath);
            }

            return PreprocessingPreset.FromJson(File.ReadAllText(nameOrPath));
        }

        return Get(nameOrPath);
    }
}
