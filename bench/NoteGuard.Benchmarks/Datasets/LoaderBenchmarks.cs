using BenchmarkDotNet.Attributes;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Augmentation;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Benchmarks.Datasets;

/// <summary>
/// Images per second the dataset loader delivers for the <c>enhanced</c> 64×64 preset (seed 004: median 3, sharpen,
/// 2–98 stretch, CLAHE on Lab L), on the first <see cref="ImageCount"/> taka photos (384×384 JPEG) when
/// <c>../shared/datasets</c> is present, else on generated 384×384 PPMs. One operation = one image, so
/// images/s = 10⁹ / (ns per op). Compare with bench/peers/loader_peer.py (OpenCV + a PyTorch
/// DataLoader doing the same work) run in the same session; see docs/benchmarks/loader.md.
/// </summary>
[MemoryDiagnoser]
public class LoaderBenchmarks
{
    private const int ImageCount = 64; // small enough for the CI dry run; one op is still one image
    private List<DatasetItem> _items = [];
    private string[] _classes = [];
    private string? _generated;
    private DatasetLoader? _warmCache;

    [GlobalSetup]
    public void Setup()
    {
        string? taka = FindTaka();
        if (taka is not null)
        {
            var data = DatasetReader.Read(taka);
            _items = [.. data.Items.Where(i => i.Path.EndsWith(".jpg", StringComparison.Ordinal)).Take(ImageCount)];
            _classes = [.. data.Classes];
        }
        else
        {
            _generated = Path.Combine(Path.GetTempPath(), "noteguard-loader-bench-" + Environment.ProcessId);
            var random = new Random(1);
            for (int i = 0; i < ImageCount; i++)
            {
                string label = i % 2 == 0 ? "real" : "fake";
                string folder = Path.Combine(_generated, label);
                Directory.CreateDirectory(folder);
                // Raw binary PPM written by hand, so the fallback does not depend on any encoder.
                byte[] header = System.Text.Encoding.ASCII.GetBytes("P6\n384 384\n255\n");
                byte[] file = new byte[header.Length + (384 * 384 * 3)];
                header.CopyTo(file, 0);
                random.NextBytes(file.AsSpan(header.Length));
                string path = Path.Combine(folder, $"img_{i:D3}.ppm");
                File.WriteAllBytes(path, file);
                _items.Add(new DatasetItem(path, label));
            }

            _classes = ["fake", "real"];
        }

        _warmCache = new DatasetLoader(_items, _classes, PreprocessingPresets.Enhanced(), Options(AugmentationOptions.Seed004) with { CacheBytes = 256L << 20 });
        Drain(_warmCache, 0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _warmCache?.Dispose();
        if (_generated is not null)
        {
            Directory.Delete(_generated, recursive: true);
        }
    }

    /// <summary>Decode only, one thread: the floor every loader pays.</summary>
    [Benchmark(OperationsPerInvoke = ImageCount)]
    public long DecodeOnlySingleThread()
    {
        long sum = 0;
        foreach (var item in _items)
        {
            using var image = ImageCodec.Load(item.Path);
            sum += image.Width;
        }

        return sum;
    }

    /// <summary>Decode + enhanced preset + tensor, both cores, no augmentation (evaluation epochs).</summary>
    [Benchmark(OperationsPerInvoke = ImageCount)]
    public int EnhancedEpoch() => RunEpoch(null);

    /// <summary>Decode + enhanced preset + seed 004 augmentation + tensor, both cores (a first training epoch).</summary>
    [Benchmark(OperationsPerInvoke = ImageCount)]
    public int EnhancedEpochAugmented() => RunEpoch(AugmentationOptions.Seed004);

    /// <summary>Later training epochs: prepared images come from the cache; only augmentation and the tensor are computed.</summary>
    [Benchmark(OperationsPerInvoke = ImageCount)]
    public int CachedEpochAugmented() => Drain(_warmCache!, 1);

    private int RunEpoch(AugmentationOptions? augmentation)
    {
        using var loader = new DatasetLoader(_items, _classes, PreprocessingPresets.Enhanced(), Options(augmentation));
        return Drain(loader, 0);
    }

    private static DatasetLoaderOptions Options(AugmentationOptions? augmentation) => new()
    {
        BatchSize = 32,
        Workers = Math.Max(2, Environment.ProcessorCount),
        Augmentation = augmentation,
        Seed = 1,
    };

    private int Drain(DatasetLoader loader, int epoch)
    {
        int count = 0;
        foreach (var batch in loader.ReadEpoch(epoch))
        {
            count += batch.Count;
            batch.Dispose();
        }

        // A benchmark that silently skipped unreadable images would measure nothing: fail loudly instead.
        if (count != _items.Count)
        {
            throw new InvalidOperationException($"Delivered {count} of {_items.Count} images; first problem: {loader.Skipped.FirstOrDefault()}");
        }

        return count;
    }

    private static string? FindTaka()
    {
        string? root = Environment.GetEnvironmentVariable("NOTEGUARD_DATA");
        if (string.IsNullOrEmpty(root))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NoteGuard.slnx")))
            {
                dir = dir.Parent;
            }

            root = dir is null ? null : Path.Combine(dir.FullName, "..", "shared", "datasets");
        }

        string? taka = root is null ? null : Path.GetFullPath(Path.Combine(root, "taka-counterfeit"));
        return taka is not null && Directory.Exists(taka) ? taka : null;
    }
}
