using System.Diagnostics;
using System.Globalization;
using System.Text;
using NoteGuard.Imaging;

namespace NoteGuard.Benchmarks.Jpeg;

/// <summary>
/// The JPEG benchmark inputs: one 384×384 taka photo, one 416×416 VND photo (read from the shared datasets, never
/// copied) and a 2048×1536 4:2:0 quality-90 file made at setup by cjpeg from an upscaled photo.
/// </summary>
internal static class JpegBenchmarkInputs
{
    public const string Taka = "taka-384";
    public const string Vnd = "vnd-416";
    public const string Synthetic = "synthetic-2048x1536-420-q90";

    public static IEnumerable<string> Names => [Taka, Vnd, Synthetic];

    /// <summary>The shared datasets folder: NOTEGUARD_DATA, else ../shared/datasets beside the repository.</summary>
    public static string DatasetsRoot()
    {
        if (Environment.GetEnvironmentVariable("NOTEGUARD_DATA") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NoteGuard.slnx")))
        {
            dir = dir.Parent;
        }

        string repo = dir?.FullName ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(repo, "..", "shared", "datasets"));
    }

    /// <summary>The bytes of input <paramref name="name"/> (a file path is accepted too).</summary>
    public static byte[] Load(string name) => File.ReadAllBytes(PathOf(name));

    public static string PathOf(string name) => name switch
    {
        Taka => FirstJpeg(Path.Combine(DatasetsRoot(), "taka-counterfeit", "real")),
        Vnd => FirstJpeg(Path.Combine(DatasetsRoot(), "vnd-denomination", "test", "images")),
        Synthetic => MakeSynthetic(),
        _ => name,
    };

    private static string FirstJpeg(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Dataset folder {folder} is missing (set NOTEGUARD_DATA).");
        }

        return Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).First();
    }

    /// <summary>Upscales the taka photo bilinearly to 2048×1536, adds seeded noise, and encodes it with cjpeg.</summary>
    private static string MakeSynthetic()
    {
        string folder = Path.Combine(Path.GetTempPath(), "noteguard-bench-jpeg");
        string output = Path.Combine(folder, Synthetic + ".jpg");
        if (File.Exists(output))
        {
            return output;
        }

        Directory.CreateDirectory(folder);
        using Image source = ImageCodec.Load(PathOf(Taka));
        const int width = 2048;
        const int height = 1536;
        var ppm = new MemoryStream();
        ppm.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P6\n{width} {height}\n255\n")));
        var rng = new Random(20261121);
        var row = new byte[width * 3];
        for (int y = 0; y < height; y++)
        {
            double sy = Math.Min((y + 0.5) * source.Height / height - 0.5, source.Height - 1.001);
            sy = Math.Max(sy, 0);
            int y0 = (int)sy;
            double fy = sy - y0;
            for (int x = 0; x < width; x++)
            {
                double sx = Math.Max(Math.Min((x + 0.5) * source.Width / width - 0.5, source.Width - 1.001), 0);
                int x0 = (int)sx;
                double fx = sx - x0;
                for (int c = 0; c < 3; c++)
                {
                    double v = ((1 - fy) * (((1 - fx) * source[x0, y0, c]) + (fx * source[x0 + 1, y0, c])))
                        + (fy * (((1 - fx) * source[x0, y0 + 1, c]) + (fx * source[x0 + 1, y0 + 1, c])));
                    v += (rng.NextDouble() - 0.5) * 8;
                    row[(3 * x) + c] = (byte)Math.Clamp((int)Math.Round(v), 0, 255);
                }
            }

            ppm.Write(row);
        }

        string ppmPath = Path.Combine(folder, Synthetic + ".ppm");
        File.WriteAllBytes(ppmPath, ppm.ToArray());
        var start = new ProcessStartInfo("cjpeg", ["-quality", "90", "-sample", "2x2", "-outfile", output, ppmPath])
        {
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start cjpeg (install libjpeg-turbo-progs)");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("cjpeg failed: " + process.StandardError.ReadToEnd());
        }

        File.Delete(ppmPath);
        return output;
    }
}
