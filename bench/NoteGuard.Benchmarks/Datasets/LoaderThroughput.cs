using System.Diagnostics;
using System.Globalization;
using NoteGuard.Inspection.Augmentation;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.Learning.Training;

namespace NoteGuard.Benchmarks.Datasets;

/// <summary>
/// Stopwatch mode for a quick figure beside the peer (bench/peers/loader_peer.py): images/s the loader delivers for the
/// <c>enhanced</c> 64×64 preset on the first 256 taka photos, plain, augmented (first epoch, filling the cache) and
/// augmented from the cache (later epochs), then compact-cnn training throughput in the same process, so the two figures
/// the loader's goal compares come from one run; a single-threaded stage breakdown comes first. Usage: <c>loader-throughput DATA_ROOT</c> (needs one line in Program.cs).
/// </summary>
public static class LoaderThroughput
{
    public static int Run(string dataRoot)
    {
        var data = DatasetReader.Read(Path.Combine(dataRoot, "taka-counterfeit"));
        var items = data.Items.Where(i => i.Path.EndsWith(".jpg", StringComparison.Ordinal)).Take(256).ToList();
        var options = new DatasetLoaderOptions { BatchSize = 32, Workers = Math.Max(2, Environment.ProcessorCount), Seed = 1 };

        double Epoch(DatasetLoader loader, int epoch)
        {
            var watch = Stopwatch.StartNew();
            int count = 0;
            foreach (var batch in loader.ReadEpoch(epoch))
            {
                count += batch.Count;
                batch.Dispose();
            }

            if (count != items.Count)
            {
                throw new InvalidOperationException($"Delivered {count} of {items.Count}: {loader.Skipped.FirstOrDefault()}");
            }

            return count / watch.Elapsed.TotalSeconds;
        }

        var paths = items.Select(i => i.Path).ToList();
        Console.WriteLine("stage breakdown, full-size decode + whole-factor reduction:");
        Profile(paths, reduced: false);
        Console.WriteLine("stage breakdown, reduced-size JPEG decode (DatasetLoaderOptions.ReducedDecoding = true):");
        Profile(paths, reduced: true);
        CompareTensors(paths);

        double plainRate, firstRate;
        using (var reducedLoader = new DatasetLoader(items, data.Classes, PreprocessingPresets.Enhanced(), options with { ReducedDecoding = true }))
        {
            Epoch(reducedLoader, 0);
            Report("enhanced, no augmentation, uncached epoch, reduced-size decode (ReducedDecoding = true)", Math.Max(Epoch(reducedLoader, 1), Epoch(reducedLoader, 2)));
        }

        using (var plain = new DatasetLoader(items, data.Classes, PreprocessingPresets.Enhanced(), options))
        {
            Epoch(plain, 0);
            plainRate = Math.Max(Epoch(plain, 1), Epoch(plain, 2));
            Report("enhanced, no augmentation, uncached epoch (full-size decode, default)", plainRate);
        }

        using (var augmented = new DatasetLoader(items, data.Classes, PreprocessingPresets.Enhanced(), options with { Augmentation = AugmentationOptions.Seed004, CacheBytes = 256L << 20 }))
        {
            firstRate = Epoch(augmented, 0);
            Report("enhanced + seed 004 augmentation, first epoch (fills the cache)", firstRate);
            Report("enhanced + seed 004 augmentation, cached epochs", Math.Max(Epoch(augmented, 1), Epoch(augmented, 2)));
        }

        // The consumer the loader must keep busy, measured in the same process right after the loader passes:
        // compact-cnn training steps (batch 64, SGD momentum, cross-entropy) on random data, as `noteguard bench nn`.
        var training = NnBenchmark.Run(new NnBenchmarkOptions { Architecture = "compact-cnn", TrainBatch = 64, InferBatch = 0, Seconds = 5 });
        Report($"compact-cnn training, batch 64, {training.Threads} threads", training.TrainImagesPerS);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"loader / training: uncached epoch {plainRate / training.TrainImagesPerS:F2}x, augmented first epoch {firstRate / training.TrainImagesPerS:F2}x (goal >= 1)"));
        return 0;
    }

    /// <summary>Single-threaded stage breakdown of the uncached path, milliseconds per image (each stage's best of three warm passes).</summary>
    private static void Profile(IReadOnlyList<string> paths, bool reduced)
    {
        var preset = PreprocessingPresets.Enhanced();
        string[] names = ["read", "decode", "reduce to working size", .. preset.Steps, "reduce for sampling", "sample + normalize"];
        var best = new double[names.Length];
        Array.Fill(best, double.MaxValue);
        var totals = new double[names.Length];
        float[] tensor = new float[preset.TensorLength];
        for (int pass = 0; pass < 4; pass++)
        {
            Array.Clear(totals);
            foreach (string path in paths)
            {
                int stage = 0;
                long t = Stopwatch.GetTimestamp();
                void Lap()
                {
                    long now = Stopwatch.GetTimestamp();
                    totals[stage++] += Stopwatch.GetElapsedTime(t, now).TotalMilliseconds;
                    t = now;
                }

                byte[] bytes = File.ReadAllBytes(path);
                Lap();
                using var decoded = reduced ? Preprocessor.Decode(bytes, preset) : NoteGuard.Imaging.ImageCodec.Decode(bytes);
                Lap();
                var current = TensorSampler.ReduceForSampling(decoded, preset.WorkingSize ?? 1, preset.WorkingSize ?? 1);
                Lap();
                foreach (string step in preset.Steps)
                {
                    var next = NoteGuard.Imaging.Processing.Pipeline.ImagePipeline.Apply(current, [step]);
                    if (!ReferenceEquals(current, decoded))
                    {
                        current.Dispose();
                    }

                    current = next;
                    Lap();
                }

                var small = TensorSampler.ReduceForSampling(current, preset.Width, preset.Height);
                Lap();
                Preprocessor.SampleUnit(small, preset, Affine.Identity, tensor);
                TensorSampler.Normalize(tensor, preset.Channels, preset.Mean, preset.Std);
                Lap();
                if (!ReferenceEquals(small, current))
                {
                    small.Dispose();
                }

                current.Dispose();
            }

            for (int i = 0; pass > 0 && i < names.Length; i++)
            {
                best[i] = Math.Min(best[i], totals[i]);
            }
        }

        totals = best;
        double sum = totals.Sum();
        for (int i = 0; i < names.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stage {names[i],-24} {totals[i] / paths.Count:F3} ms/image ({100 * totals[i] / sum:F0} %)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stage total (1 thread)     {sum / paths.Count:F3} ms/image = {1000 * paths.Count / sum:F0} images/s"));
    }

    /// <summary>Mean and largest |difference| of the final enhanced 64×64 tensors (0..1 units before normalisation) between the two decode paths.</summary>
    private static void CompareTensors(IReadOnlyList<string> paths)
    {
        var preset = PreprocessingPresets.Enhanced();
        var unit = preset with { Mean = [0f, 0f, 0f], Std = [1f, 1f, 1f] };
        double sum = 0, worstImage = 0, workingSum = 0, plainSum = 0;
        float worst = 0;
        long count = 0, workingCount = 0;
        var plainPreset = preset with { Steps = [] };
        foreach (string path in paths)
        {
            byte[] bytes = File.ReadAllBytes(path);
            using var full = NoteGuard.Imaging.ImageCodec.Decode(bytes);
            using var reduced = Preprocessor.Decode(bytes, preset);
            float[] a = Preprocessor.Run(full, unit);
            float[] b = Preprocessor.Run(reduced, unit);

            // Before the steps: the working-size images themselves, and the 64×64 tensors without enhancement.
            using var fullWorking = TensorSampler.ReduceForSampling(full, preset.WorkingSize!.Value, preset.WorkingSize!.Value);
            var p = fullWorking.Pixels;
            var q = reduced.Pixels;
            for (int i = 0; i < p.Length && p.Length == q.Length; i++)
            {
                workingSum += Math.Abs(p[i] - q[i]);
            }

            workingCount += p.Length;
            float[] pa = Preprocessor.Run(full, plainPreset with { Mean = [0f, 0f, 0f], Std = [1f, 1f, 1f] });
            float[] pb = Preprocessor.Run(reduced, plainPreset with { Mean = [0f, 0f, 0f], Std = [1f, 1f, 1f] });
            for (int i = 0; i < pa.Length; i++)
            {
                plainSum += Math.Abs(pa[i] - pb[i]);
            }

            double imageSum = 0;
            for (int i = 0; i < a.Length; i++)
            {
                float d = Math.Abs(a[i] - b[i]);
                imageSum += d;
                worst = Math.Max(worst, d);
            }

            sum += imageSum;
            count += a.Length;
            worstImage = Math.Max(worstImage, imageSum / a.Length);
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"reduced vs full decode over {paths.Count} photos, mean |diff| in 0..255 units: 128 px working images {workingSum / workingCount:F2}; 64x64 tensors without the steps {plainSum / count * 255:F2}; enhanced 64x64 tensors {sum / count * 255:F2} (worst image {worstImage * 255:F2}, largest single value {worst * 255:F0})"));
    }

    private static void Report(string what, double imagesPerSecond) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {imagesPerSecond:F0} images/s"));
}
