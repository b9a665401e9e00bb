using BenchmarkDotNet.Attributes;
using NoteGuard.Imaging;
using NoteGuard.Imaging.Processing.Histogram;

namespace NoteGuard.Benchmarks.Processing;

/// <summary>
/// CLAHE (clip 2, 8×8 tiles) on a 2048×1536 gray image and on 384×384 taka photos (gray), to compare with
/// OpenCV single-threaded: run <c>/usr/bin/python3 bench/peers/opencv_clahe.py</c> first (it writes the inputs
/// and OpenCV's timings to <c>$NOTEGUARD_BENCH_DIR</c> or <c>/tmp/noteguard-bench</c>), then
/// <c>dotnet run -c Release --project bench/NoteGuard.Benchmarks -- --filter '*Clahe*' --job short</c>.
/// Without the peer's files a synthetic image of the same size is used. The setup checks our output is
/// bit-exact with OpenCV's before anything is timed. See docs/benchmarks/clahe.md.
/// </summary>
[MemoryDiagnoser]
public class ClaheBenchmarks
{
    private static readonly ClaheOptions s_options = new(2.0, 8, 8);
    private Image _large = null!;
    private Image[] _taka = [];

    [GlobalSetup]
    public void Setup()
    {
        string dir = Environment.GetEnvironmentVariable("NOTEGUARD_BENCH_DIR") is { Length: > 0 } d ? d : "/tmp/noteguard-bench";
        _large = Load(Path.Combine(dir, "clahe_2048x1536.gray"), 2048, 1536, 1)[0];
        Verify(_large, Path.Combine(dir, "clahe_expected_2048x1536.gray"));
        _taka = Load(Path.Combine(dir, "clahe_taka_384.gray"), 384, 384, 64);
        string expected = Path.Combine(dir, "clahe_expected_taka_384.gray");
        if (File.Exists(expected))
        {
            byte[] all = File.ReadAllBytes(expected);
            for (int i = 0; i < _taka.Length; i++)
            {
                using var output = HistogramExtensions.ApplyClahe(_taka[i], s_options, parallel: false);
                if (!output.Pixels.SequenceEqual(all.AsSpan(i * 384 * 384, 384 * 384)))
                {
                    throw new InvalidOperationException($"CLAHE output differs from OpenCV on taka image {i}.");
                }
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _large.Dispose();
        foreach (var image in _taka)
        {
            image.Dispose();
        }
    }

    [Benchmark(Description = "CLAHE 2048x1536, 1 thread")]
    public void Large_SingleThread()
    {
        using var output = HistogramExtensions.ApplyClahe(_large, s_options, parallel: false);
    }

    [Benchmark(Description = "CLAHE 2048x1536, parallel rows")]
    public void Large_Parallel()
    {
        using var output = _large.ApplyClahe(s_options);
    }

    [Benchmark(Description = "CLAHE taka 384x384 (per image), 1 thread", OperationsPerInvoke = 64)]
    public void Taka_SingleThread()
    {
        for (int i = 0; i < 64; i++)
        {
            using var output = HistogramExtensions.ApplyClahe(_taka[i % _taka.Length], s_options, parallel: false);
        }
    }

    private static Image[] Load(string path, int width, int height, int maxCount)
    {
        int size = width * height;
        if (File.Exists(path))
        {
            byte[] data = File.ReadAllBytes(path);
            int count = Math.Min(maxCount, data.Length / size);
            if (count > 0)
            {
                return [.. Enumerable.Range(0, count).Select(i => Image.FromPixels(width, height, PixelFormat.Gray8, data.AsSpan(i * size, size)))];
            }
        }

        // Fallback: a seeded synthetic image (smooth shading plus noise).
        var random = new Random(7);
        var image = Image.Create(width, height, PixelFormat.Gray8);
        var pixels = image.Pixels;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double v = 60 + (120.0 * x / width) + (40 * Math.Sin(y / 37.0) * Math.Cos(x / 53.0)) + (random.NextDouble() * 16) - 8;
                pixels[(y * width) + x] = (byte)Math.Clamp(Math.Round(v), 0, 255);
            }
        }

        return [image];
    }

    private static void Verify(Image input, string expectedPath)
    {
        if (!File.Exists(expectedPath))
        {
            return;
        }

        using var output = HistogramExtensions.ApplyClahe(input, s_options, parallel: false);
        if (!output.Pixels.SequenceEqual(File.ReadAllBytes(expectedPath)))
        {
            throw new InvalidOperationException("CLAHE output differs from OpenCV on the 2048x1536 input.");
        }
    }
}
