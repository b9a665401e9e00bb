using NoteGuard.Imaging;

namespace NoteGuard.Inspection.Datasets;

/// <summary>How <see cref="DatasetAudit.Run"/> examines a dataset.</summary>
public sealed record DatasetAuditOptions
{
    /// <summary>
    /// Two images whose 64-bit perceptual hashes differ in at most this many bits are near duplicates.
    /// Default 5 (seed 004); range 0..19.
    /// </summary>
    public int HammingThreshold { get; init; } = 5;

    /// <summary>Images decoded at once; default <see cref="Environment.ProcessorCount"/>.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Limits for decoding (e.g. the pixel budget); default <see cref="DecoderOptions.Default"/>.</summary>
    public DecoderOptions Decoder { get; init; } = DecoderOptions.Default;

    /// <summary>Receives the number of images examined so far, now and then, from worker threads. Optional.</summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>Test seam: file bytes → perceptual hash (decode + hash). Null uses the codec and the pHash.</summary>
    internal Func<byte[], ulong>? HashFileContent { get; init; }
}
