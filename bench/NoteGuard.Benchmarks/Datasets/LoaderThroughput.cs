using System.Diagnostics;
using System.Globalization;
using NoteGuard.Inspection.Augmentation;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Benchmarks.Datasets;

/// <summary>
/// Stopwatch mode for a quick figure beside the peer (bench/peers/loader_peer.py): images/s the loader delivers for the
/// <c>enhanced</c> 64×64 preset on the first 256 taka photos, plain, augmented (first epoch, filling the cache) and
/// augmented from the cache (later epochs). Usage: <c>loader-throughput DATA_ROOT</c> (needs one line in Program.cs).
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

        using (var plain = new DatasetLoader(items, data.Classes, PreprocessingPresets.Enhanced(), options))
        {
            Epoch(plain, 0);
            Report("enhanced, no augmentation", Math.Max(Epoch(plain, 1), Epoch(plain, 2)));
        }

        using (var augmented = new DatasetLoader(items, data.Classes, PreprocessingPresets.Enhanced(), options with { Augmentation = AugmentationOptions.Seed004, CacheBytes = 256L << 20 }))
        {
            Report("enhanced + seed 004 augmentation, first epoch (fills the cache)", Epoch(augmented, 0));
            Report("enhanced + seed 004 augmentation, cached epochs", Math.Max(Epoch(augmented, 1), Epoch(augmented, 2)));
        }

        return 0;
    }

    private static void Report(string what, double imagesPerSecond) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {imagesPerSecond:F0} images/s"));
}
