using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Augmentation;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Inspection.Datasets;

/// <summary>
/// Delivers batches for training and evaluation: decode, preprocess and augment run in parallel (one worker per
/// batch, <see cref="DatasetLoaderOptions.Workers"/> batches at once) while the consumer trains on earlier batches.
/// Batches come in order and their content depends only on (seed, epoch), never on thread timing.
/// Memory is bounded: at most <see cref="MemoryCapBytes"/> for batches in flight plus the optional cache.
/// An unreadable image is skipped (its batch is one shorter) and listed in <see cref="Skipped"/>; it never ends the run.
/// </summary>
public sealed class DatasetLoader : IDisposable
{
    private readonly IReadOnlyList<DatasetItem> _items;
    private readonly int[] _labels;
    private readonly PreprocessingPreset _preset;
    private readonly DatasetLoaderOptions _options;
    private readonly ConcurrentDictionary<int, Image> _cache = new();
    private readonly ConcurrentDictionary<int, DatasetIssue> _skipped = new();
    private long _cachedBytes;
    private bool _disposed;

    /// <summary>A loader over every item of <paramref name="dataset"/> (labels indexed by <see cref="Dataset.Classes"/>).</summary>
    public DatasetLoader(Dataset dataset, PreprocessingPreset preset, DatasetLoaderOptions? options = null)
        : this(Guarded(dataset).Items, dataset.Classes, preset, options)
    {
    }

    /// <summary>
    /// A loader over <paramref name="items"/>, with class indices taken from <paramref name="classes"/>.
    /// Throws <see cref="ArgumentException"/> for an invalid preset or options, or a label missing from <paramref name="classes"/>.
    /// </summary>
    public DatasetLoader(IReadOnlyList<DatasetItem> items, IReadOnlyList<string> classes, PreprocessingPreset preset, DatasetLoaderOptions? options = null)
    {
        Guard.NotNull(items);
        Guard.NotNull(classes);
        Guard.NotNull(preset);
        options ??= new DatasetLoaderOptions();
        Guard.MustBeBetween(options.BatchSize, 1, 65536, nameof(options.BatchSize));
        Guard.MustBeBetween(options.Workers, 1, 256, nameof(options.Workers));
        Guard.IsTrue(options.CacheBytes >= 0, "CacheBytes must not be negative.", nameof(options.CacheBytes));
        Guard.MustBeNonNegative(options.BoxMargin, nameof(options.BoxMargin));
        preset.Validate();
        options.Augmentation?.Validate();
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Count; i++)
        {
            classIndex.TryAdd(classes[i], i);
        }

        _labels = new int[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            _labels[i] = classIndex.TryGetValue(items[i].Label, out int c)
                ? c
                : throw new ArgumentException($"Item {items[i].Path} has label '{items[i].Label}', which is not among the classes.", nameof(items));
        }

        _items = items;
        _preset = preset;
        _options = options;
    }

    /// <summary>Batches in one epoch.</summary>
    public int BatchesPerEpoch => _options.DropLast ? _items.Count / _options.BatchSize : (_items.Count + _options.BatchSize - 1) / _options.BatchSize;

    /// <summary>
    /// The most memory batches can hold at once, in bytes: (workers + 2) batches of BatchSize × C × H × W floats
    /// (in flight, queued, and the one the consumer holds), plus the cache cap. Decoding adds one full-size image per
    /// worker on top.
    /// </summary>
    public long MemoryCapBytes => ((long)(_options.Workers + 2) * _options.BatchSize * _preset.TensorLength * sizeof(float)) + _options.CacheBytes;

    /// <summary>Images skipped because they could not be read, decoded or preprocessed, with the reason.</summary>
    public IReadOnlyList<DatasetIssue> Skipped => [.. _skipped.OrderBy(kv => kv.Key).Select(kv => kv.Value)];

    /// <summary>Prepared images held in the cache.</summary>
    public int CachedImages => _cache.Count;

    /// <summary>Bytes of pixels held in the cache.</summary>
    public long CachedBytes => Interlocked.Read(ref _cachedBytes);

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>, in order. Dispose each batch when done with it. Breaking off early
    /// cancels the remaining work.
    /// </summary>
    public async IAsyncEnumerable<DatasetBatch> ReadEpochAsync(int epoch, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int[] order = Order(epoch);
        int batches = BatchesPerEpoch;
        var channel = Channel.CreateBounded<Task<DatasetBatch>>(new BoundedChannelOptions(_options.Workers) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    for (int b = 0; b < batches; b++)
                    {
                        int batchIndex = b;
                        var work = Task.Run(() => BuildBatch(order, batchIndex, epoch, token), token);
                        await channel.Writer.WriteAsync(work, token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    channel.Writer.TryComplete();
                }
            },
            token);

        try
        {
            while (await channel.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var work))
                {
                    yield return await work.ConfigureAwait(false);
                }
            }

            await producer.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            while (channel.Reader.TryRead(out var pending))
            {
                try
                {
                    (await pending.ConfigureAwait(false)).Dispose();
                }
                catch (OperationCanceledException)
                {
                    // Work cancelled because the consumer stopped early.
                }
            }

            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected when the consumer stops early.
            }
        }
    }

    /// <summary>Synchronous form of <see cref="ReadEpochAsync"/>.</summary>
    public IEnumerable<DatasetBatch> ReadEpoch(int epoch)
    {
        var enumerator = ReadEpochAsync(epoch).GetAsyncEnumerator();
        try
        {
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                yield return enumerator.Current;
            }
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Releases cached images.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var image in _cache.Values)
        {
            image.Dispose();
        }

        _cache.Clear();
    }

    private static Dataset Guarded(Dataset dataset)
    {
        Guard.NotNull(dataset);
        return dataset;
    }

    private int[] Order(int epoch)
    {
        int[] order = [.. Enumerable.Range(0, _items.Count)];
        if (_options.Shuffle)
        {
            new Random(unchecked((int)ImageAugmenter.Mix(_options.Seed, epoch, -1))).Shuffle(order);
        }

        return order;
    }

    private DatasetBatch BuildBatch(int[] order, int batchIndex, int epoch, CancellationToken token)
    {
        int start = batchIndex * _options.BatchSize;
        int end = Math.Min(start + _options.BatchSize, order.Length);
        var batch = new DatasetBatch(batchIndex, end - start, _preset.Channels, _preset.Height, _preset.Width);
        int slot = 0;
        for (int k = start; k < end; k++)
        {
            token.ThrowIfCancellationRequested();
            int index = order[k];
            if (_skipped.ContainsKey(index) || !TryGetPrepared(index, out var image, out bool owned))
            {
                continue;
            }

            try
            {
                var destination = batch.Slot(slot);
                if (_options.Augmentation is { } augmentation)
                {
                    var random = new Random(unchecked((int)ImageAugmenter.Mix(_options.Seed, epoch, index)));
                    ImageAugmenter.ApplyReduced(image, _preset, augmentation, random, destination);
                }
                else
                {
                    Preprocessor.SampleUnit(image, _preset, Affine.Identity, destination);
                    TensorSampler.Normalize(destination, _preset.Channels, _preset.Mean, _preset.Std);
                }

                batch.SetLabel(slot, _labels[index], index);
                slot++;
            }
            finally
            {
                if (owned)
                {
                    image.Dispose();
                }
            }
        }

        batch.Count = slot;
        return batch;
    }

    /// <summary>The prepared, reduced image of an item, from the cache or freshly decoded; false (and a recorded reason) when it fails.</summary>
    private bool TryGetPrepared(int index, out Image image, out bool owned)
    {
        if (_cache.TryGetValue(index, out image!))
        {
            owned = false;
            return true;
        }

        var item = _items[index];
        try
        {
            var box = _options.CropToBox ? item.Box : null;
            using var decoded = _options.LoadImage is { } load
                ? load(item.Path, _options.Decoder)
                : _options.ReducedDecoding && box is null
                    ? Preprocessor.Load(item.Path, _preset, _options.Decoder)
                    : ImageCodec.Load(item.Path, _options.Decoder);
            var prepared = Preprocessor.Prepare(decoded, _preset, box, _options.BoxMargin);
            var reduced = TensorSampler.ReduceForSampling(prepared, _preset.Width, _preset.Height);
            if (!ReferenceEquals(reduced, prepared))
            {
                prepared.Dispose();
            }

            image = reduced;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            string reason = ex is InvalidImageException or IOException or UnauthorizedAccessException
                ? ex.Message
                : $"preprocessing failure ({ex.GetType().Name}): {ex.Message}";
            _skipped.TryAdd(index, new DatasetIssue(item.Path, reason.ReplaceLineEndings(" ")));
            image = null!;
            owned = false;
            return false;
        }

        if (_options.CacheBytes > 0)
        {
            // Reserve the bytes first so concurrent workers never overshoot the cap together.
            if (Interlocked.Add(ref _cachedBytes, image.Length) <= _options.CacheBytes && _cache.TryAdd(index, image))
            {
                owned = false;
                return true;
            }

            Interlocked.Add(ref _cachedBytes, -image.Length);
        }

        owned = true;
        return true;
    }
}
