using System.Diagnostics;
using System.Globalization;
using NoteGuard.Imaging;
using NoteGuard.Imaging.Processing.Pipeline;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Benchmarks.Inspections;

/// <summary>
/// Stopwatch mode for issue 6 item 8: the latency of <c>noteguard check</c>'s in-process work (decode, preprocess,
/// infer) on one 512×512 JPEG with compact-cnn (enhanced 64×64), after warm-up, with the stage breakdown from
/// <see cref="InspectionResult.TimingMs"/> and the process CPU time per inspection (which, unlike wall-clock time,
/// does not count the time other processes hold the cores on a shared machine). Usage: <c>check-latency [ITERATIONS]</c>.
/// Goal: under 10 ms.
/// </summary>
public static class CheckLatency
{
    public static int Run(int iterations)
    {
        byte[] photo = CheckInputs.Photo512();
        Console.WriteLine($"input: {CheckInputs.Photo512Path}, {CheckInputs.Size}×{CheckInputs.Size} JPEG, {photo.Length} bytes; {iterations} timed inspections after {iterations / 2} warm-up; {Environment.ProcessorCount} cores");
        var one = new BanknoteInspector([CheckInputs.Denomination()]);
        var two = new BanknoteInspector([CheckInputs.Denomination(), CheckInputs.Authenticity()]);

        // Warm-up long enough for tiered compilation to finish optimising the hot paths (its background JIT would
        // otherwise be counted in the first figures' CPU time).
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(3))
        {
            one.Inspect(photo, null, CancellationToken.None);
            two.Inspect(photo, null, CancellationToken.None);
        }

        Measure("denomination + authenticity (both bundled models, one shared preprocess)", two, photo, iterations);
        Measure("denomination model (compact-cnn, enhanced 64×64)", one, photo, iterations);
        Measure("denomination + authenticity (again, to show the order does not matter)", two, photo, iterations);
        if (CheckInputs.BundledTexture() is { } texture)
        {
            // The bundled taka model: texture descriptor at 384×384 and its RBF SVM (bench/peers/texture_peer.py is the peer).
            var svm = (Learning.Classical.Svm.SvmClassifier)texture.TextureClassifier!.Classifier;
            var textured = new BanknoteInspector([texture]);
            for (var t = Stopwatch.StartNew(); t.Elapsed < TimeSpan.FromSeconds(2);)
            {
                textured.Inspect(photo, null, CancellationToken.None);
            }

            Measure($"authenticity model alone (bundled texture-svm: {svm.SupportVectorCount} support vectors × {svm.FeatureCount} features, texture 384×384)", textured, photo, iterations);
        }

        PreprocessBreakdown(photo, iterations);
        return 0;
    }

    private static void Measure(string what, BanknoteInspector inspector, byte[] photo, int iterations)
    {
        for (int i = 0; i < iterations / 2; i++)
        {
            inspector.Inspect(photo, null, CancellationToken.None);
        }

        var timings = new InspectionTiming[iterations];
        var cpu = new double[iterations];
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < iterations; i++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            timings[i] = inspector.Inspect(photo, null, CancellationToken.None).TimingMs;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - before).TotalMilliseconds;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}:\n  wall: median {Median(timings.Select(t => t.Total)):F2} ms, min {timings.Min(t => t.Total):F2}, p90 {Percentile(timings.Select(t => t.Total), 0.9):F2}; " +
            $"stage medians: decode {Median(timings.Select(t => t.Decode)):F2}, preprocess {Median(timings.Select(t => t.Preprocess)):F2}, infer {Median(timings.Select(t => t.Infer)):F2} ms\n" +
            $"  process CPU time per inspection: mean {cpu.Average():F2} ms"));
    }

    /// <summary>The preprocess stage split into the working-size reduction, each enhancement step and the tensor sampling (medians of short pieces).</summary>
    private static void PreprocessBreakdown(byte[] photo, int iterations)
    {
        var preset = PreprocessingPresets.Enhanced();
        using var image = ImageCodec.Decode(photo);
        var parts = new List<(string Name, Func<Image, Image> Run)>
        {
            ("reduce 512→128", i => TensorSampler.ReduceForSampling(i, preset.WorkingSize!.Value, preset.WorkingSize!.Value)),
        };
        foreach (string step in preset.Steps)
        {
            parts.Add((step, i => ImagePipeline.Apply(i, [step])));
        }

        var tensor = new float[preset.TensorLength];
        var samples = new double[parts.Count + 2][];
        for (int p = 0; p < samples.Length; p++)
        {
            samples[p] = new double[iterations];
        }

        var decode = new double[iterations];
        for (int i = -iterations / 2; i < iterations; i++)
        {
            var current = image;
            for (int p = 0; p < parts.Count; p++)
            {
                long t0 = Stopwatch.GetTimestamp();
                var next = parts[p].Run(current);
                Keep(samples[p], i, t0);
                if (!ReferenceEquals(current, image))
                {
                    current.Dispose();
                }

                current = next;
            }

            long t1 = Stopwatch.GetTimestamp();
            Preprocessor.ToTensor(current, preset, tensor);
            Keep(samples[^2], i, t1);
            current.Dispose();

            long t2 = Stopwatch.GetTimestamp();
            ImageCodec.Decode(photo).Dispose();
            Keep(samples[^1], i, t2);
        }

        var names = parts.Select(p => p.Name).Append("tensor 64×64").Append("(decode)").ToList();
        Console.WriteLine("preprocess pieces, medians (short pieces are rarely pre-empted, so these approach the idle cost):\n  " +
            string.Join(", ", names.Select((n, p) => string.Create(CultureInfo.InvariantCulture, $"{n} {Median(samples[p]):F3} ms"))) +
            string.Create(CultureInfo.InvariantCulture, $"\n  sum of preprocess pieces {Enumerable.Range(0, parts.Count + 1).Sum(p => Median(samples[p])):F3} ms"));
    }

    private static void Keep(double[] samples, int i, long start)
    {
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (i >= 0)
        {
            samples[i] = ms;
        }
    }

    private static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    private static double Percentile(IEnumerable<double> values, double q)
    {
        double[] sorted = [.. values.Order()];
        return sorted[(int)(q * (sorted.Length - 1))];
    }
}
