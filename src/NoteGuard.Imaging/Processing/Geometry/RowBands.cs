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
    public static void For<TOperation>(int rows, long work, in TOperation operation)
        where TOperation : struct, IBandOperation
    {
        int workers = Environment.ProcessorCount;
        int bands = work < ParallelRows.MinPixelsForParallel || workers <= 1 ? 1 : Math.Min(rows, workers * 4);
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
