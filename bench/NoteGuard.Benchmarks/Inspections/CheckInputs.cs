using System.Diagnostics;
using System.Globalization;
using NoteGuard.Imaging;
using NoteGuard.Imaging.Processing.Geometry;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.Learning.Models;

namespace NoteGuard.Benchmarks.Inspections;

/// <summary>
/// The inputs of the <c>check</c> benchmarks: a 512×512 quality-90 JPEG made at run time from
/// <c>samples/vnd-100000.jpg</c> (resized with NoteGuard, encoded with cjpeg; never committed) and untrained compact-cnn
/// models with the <c>enhanced</c> 64×64 preset, the bundled models' shape (weights do not change the cost).
/// </summary>
internal static class CheckInputs
{
    public const int Size = 512;

    private static readonly string[] s_vndLabels = ["10000", "100000", "20000", "200000", "50000", "500000"];

    /// <summary>The repository's samples folder.</summary>
    public static string SamplesFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NoteGuard.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? Directory.GetCurrentDirectory(), "samples");
    }

    /// <summary>Where <see cref="Photo512"/> keeps the JPEG (the peer bench/peers/check_peer.py reads it).</summary>
    public static string Photo512Path => Path.Combine(Path.GetTempPath(), "noteguard-bench-check", $"vnd-100000-{Size}.jpg");

    /// <summary>The 512×512 JPEG's bytes (made once in the temp folder).</summary>
    public static byte[] Photo512()
    {
        string output = Photo512Path;
        string folder = Path.GetDirectoryName(output)!;
        if (!File.Exists(output))
        {
            Directory.CreateDirectory(folder);
            using var sample = ImageCodec.Load(Path.Combine(SamplesFolder(), "vnd-100000.jpg"));
            using var resized = sample.Resize(Size, Size, ResizeMode.Bicubic);
            string ppm = Path.Combine(folder, $"vnd-100000-{Size}-{Environment.ProcessId}.ppm");
            ImageCodec.Save(resized, ppm);
            string temp = output + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            var start = new ProcessStartInfo("cjpeg", ["-quality", "90", "-outfile", temp, ppm]) { RedirectStandardError = true };
            using (var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start cjpeg (install libjpeg-turbo-progs)"))
            {
                string error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException("cjpeg failed: " + error);
                }
            }

            File.Delete(ppm);
            File.Move(temp, output, overwrite: true);
        }

        byte[] bytes = File.ReadAllBytes(output);
        var info = ImageCodec.Identify(bytes);
        if (info.Width != Size || info.Height != Size || info.Format != ImageFormat.Jpeg)
        {
            throw new InvalidOperationException($"{output} is not a {Size}×{Size} JPEG.");
        }

        return bytes;
    }

    /// <summary>A compact-cnn denomination model (6 VND labels, enhanced 64×64).</summary>
    public static BanknoteModel Denomination() => BanknoteModel.Create(
        ModelZoo.Create("compact-cnn", s_vndLabels.Length, new ZooOptions { Seed = 1 }), s_vndLabels, PreprocessingPresets.Enhanced(), "vnd-denomination", ModelTask.Denomination);

    /// <summary>A compact-cnn authenticity model (fake, real; enhanced 64×64).</summary>
    public static BanknoteModel Authenticity() => BanknoteModel.Create(
        ModelZoo.Create("compact-cnn", 2, new ZooOptions { Seed = 2 }), ["fake", "real"], PreprocessingPresets.Enhanced(), "taka-counterfeit", ModelTask.Authenticity, genuineLabel: "real");

    /// <summary>
    /// The bundled taka authenticity model (models/taka-counterfeit.ngm, texture-svm: its real support vectors decide the
    /// cost), or null when the bundled model is not a texture model.
    /// </summary>
    public static BanknoteModel? BundledTexture()
    {
        string path = Path.Combine(Path.GetDirectoryName(SamplesFolder())!, "models", "taka-counterfeit.ngm");
        var model = BanknoteModel.Load(path);
        return model.TextureClassifier is null ? null : model;
    }
}
