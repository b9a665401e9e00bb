using System.Buffers;

namespace NoteGuard.Inspection.Datasets;

/// <summary>
/// One batch from <see cref="DatasetLoader"/>: <see cref="Count"/> images as float NCHW data and their class
/// indices. The buffers are pooled; <see cref="Dispose"/> returns them, after which the spans must not be used.
/// </summary>
public sealed class DatasetBatch : IDisposable
{
    private float[]? _data;
    private int[]? _labels;
    private int[]? _itemIndices;

    internal DatasetBatch(int index, int capacity, int channels, int height, int width)
    {
        Index = index;
        Channels = channels;
        Height = height;
        Width = width;
        _data = ArrayPool<float>.Shared.Rent(capacity * channels * height * width);
        _labels = ArrayPool<int>.Shared.Rent(capacity);
        _itemIndices = ArrayPool<int>.Shared.Rent(capacity);
    }

    /// <summary>Position of the batch in its epoch (0-based).</summary>
    public int Index { get; }

    /// <summary>Images in the batch; smaller than the batch size for the last batch or when unreadable images were skipped.</summary>
    public int Count { get; internal set; }

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>Height of each image in pixels.</summary>
    public int Height { get; }

    /// <summary>Width of each image in pixels.</summary>
    public int Width { get; }

    /// <summary>The shape of <see cref="Data"/>: (N, C, H, W).</summary>
    public (int N, int C, int H, int W) Shape => (Count, Channels, Height, Width);

    /// <summary>Image data, NCHW, <see cref="Count"/> × C × H × W floats.</summary>
    public Span<float> Data => (_data ?? throw new ObjectDisposedException(nameof(DatasetBatch))).AsSpan(0, Count * Channels * Height * Width);

    /// <summary>Class index of each image (into <see cref="Dataset.Classes"/>).</summary>
    public Span<int> Labels => (_labels ?? throw new ObjectDisposedException(nameof(DatasetBatch))).AsSpan(0, Count);

    /// <summary>Index into the loader's items of each image.</summary>
    public Span<int> ItemIndices => (_itemIndices ?? throw new ObjectDisposedException(nameof(DatasetBatch))).AsSpan(0, Count);

    /// <summary>Each image's C × H × W floats as its own array (for work that runs one image at a time, in parallel).</summary>
    internal float[][] CopyImages()
    {
        var images = new float[Count][];
        for (int i = 0; i < images.Length; i++)
        {
            images[i] = Slot(i).ToArray();
        }

        return images;
    }

    internal Span<float> Slot(int slot) => _data.AsSpan(slot * Channels * Height * Width, Channels * Height * Width);

    internal void SetLabel(int slot, int label, int itemIndex)
    {
        _labels![slot] = label;
        _itemIndices![slot] = itemIndex;
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _data, null) is { } data)
        {
            ArrayPool<float>.Shared.Return(data);
        }

        if (Interlocked.Exchange(ref _labels, null) is { } labels)
        {
            ArrayPool<int>.Shared.Return(labels);
        }

        if (Interlocked.Exchange(ref _itemIndices, null) is { } indices)
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }
}
