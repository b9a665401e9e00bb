using NoteGuard.Imaging;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.Learning.Models;

namespace NoteGuard.TestUtilities.Models;

/// <summary>
/// Untrained compact-cnn banknote models (enhanced preset, 64×64) and small photos for tests of model discovery,
/// the inspector and its hosts. Linked into the Inspection, Cli and Web test projects.
/// </summary>
internal static class TinyModels
{
    /// <summary>The VND denomination labels, in classes.txt order.</summary>
    public static readonly string[] VndLabels = ["10000", "100000", "20000", "200000", "50000", "500000"];

    /// <summary>A denomination model over <see cref="VndLabels"/>.</summary>
    public static BanknoteModel Denomination(string name = "tiny-denomination", ulong seed = 1, string version = "1.2.3", string? currency = null) =>
        BanknoteModel.Create(
            ModelZoo.Create("compact-cnn", VndLabels.Length, new ZooOptions { Seed = seed }),
            VndLabels,
            PreprocessingPresets.Enhanced(),
            name,
            ModelTask.Denomination,
            card: new ModelCard { Data = "none (untrained test model)", Metrics = "n/a" },
            version: version,
            currency: currency);

    /// <summary>An authenticity model with labels fake, real (genuine: real).</summary>
    public static BanknoteModel Authenticity(string name = "tiny-authenticity", ulong seed = 2, string version = "0.9.0", string? currency = null) =>
        BanknoteModel.Create(
            ModelZoo.Create("compact-cnn", 2, new ZooOptions { Seed = seed }),
            ["fake", "real"],
            PreprocessingPresets.Enhanced(),
            name,
            ModelTask.Authenticity,
            genuineLabel: "real",
            version: version,
            currency: currency);

    /// <summary>Saves <paramref name="model"/> as <c>&lt;folder&gt;/&lt;file&gt;</c> (default: its name + .ngm) and returns the path.</summary>
    public static string Save(BanknoteModel model, string folder, string? file = null)
    {
        string path = Path.Combine(folder, file ?? model.Name + ".ngm");
        model.Save(path);
        return path;
    }

    /// <summary>A colourful <paramref name="width"/>×<paramref name="height"/> RGB test photo.</summary>
    public static Image Photo(int width = 120, int height = 60, int seed = 7)
    {
        var image = Image.Create(width, height, PixelFormat.Rgb24);
        var rng = new Random(seed);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, y, 0] = (byte)((x * 255 / width + rng.Next(16)) & 0xFF);
                image[x, y, 1] = (byte)((y * 255 / height) & 0xFF);
                image[x, y, 2] = (byte)(((x + y) * 3 + rng.Next(8)) & 0xFF);
            }
        }

        return image;
    }

    /// <summary><see cref="Photo"/> encoded as PNG.</summary>
    public static byte[] PhotoPng(int width = 120, int height = 60, int seed = 7)
    {
        using var image = Photo(width, height, seed);
        using var stream = new MemoryStream();
        ImageCodec.EncodePng(image, stream);
        return stream.ToArray();
    }
}
