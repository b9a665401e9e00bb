using NoteGuard.Imaging.Common;

namespace NoteGuard.Imaging.Processing.Geometry;

/// <summary>A band of output rows <c>[Start, End)</c> processed in order by one worker (so it can reuse row caches).</summary>
internal interface IBandOperation
{
    void Invoke(int start, int end);
}

/// <summary>Splits output rows into contiguous bands and runs them through <see cref="ParallelRows"/>.</summary>
internal static class RowBands
{
    /// <summary>
    /// Below this much work (multiply-adds, or source samples read) a resize stays on the calling thread: about
    /// 100 µs of SIMD arithmetic, the point where splitting pays for Parallel.For's own cost (~20–90 µs measured).
    /// A 384×384 → 64×64 bilinear resize (~74k multiply-adds, ~25 µs) was 4× slower when it was parallelised.
    /// </summary>
    public const long MinWorkForParallel = 1 << 20;

    /// <param name="rows">Output rows.</param>
    /// <param name="work">Estimated multiply-adds (or samples read) of the whole operation.</param>
    /// <param name="operation">The band worker.</param>
    public static void For<TOperation>(int rows, long work, in TOperation operation)
        where TOperation : struct, IBandOperation
    {
        int workers = Environment.ProcessorCount;
        int bands = work < MinWorkForParallel || workers <= 1 ? 1 : Math.Min(rows, workers * 4);
        if (bands == 1)
        {
            operation.Invoke(0, rows);
            return;
        }

        ParallelRows.For(bands, ParallelRows.MinPixelsForParallel, new BandRows<TOperation>(operation, rows, bands));
    }

    private readonly struct BandRows<TOperation>(TOperation operation, int rows, int bands) : IRowOperation
        where TOperation : struct, IBandOperation
    {
        public void Invoke(int y) =>
            operation.Invoke((int)((long)rows * y / bands), (int)((long)rows * (y + 1) / bands));
    }
}
