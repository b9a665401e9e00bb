namespace NoteGuard.Imaging.Common;

/// <summary>Work on one row (or a band of rows) of an image, run by <see cref="ParallelRows"/>.</summary>
internal interface IRowOperation
{
    /// <summary>Processes row <paramref name="y"/>.</summary>
    void Invoke(int y);
}

/// <summary>
/// Runs a struct row operation over all rows, in parallel bands when the image is big enough to pay for it.
/// The operation is a struct passed by value into one generic driver, so there is no closure and no
/// allocation per row; each band calls <see cref="IRowOperation.Invoke"/> for its rows in order.
/// </summary>
internal static class ParallelRows
{
    /// <summary>Below this many pixels the work runs on the calling thread.</summary>
    public const int MinPixelsForParallel = 64 * 1024;

    public static void For<TOperation>(int height, int width, in TOperation operation)
        where TOperation : struct, IRowOperation
    {
        int workers = Environment.ProcessorCount;
        if (workers <= 1 || (long)height * width < MinPixelsForParallel || height < 2)
        {
            for (int y = 0; y < height; y++)
            {
                operation.Invoke(y);
            }

            return;
        }

        int bands = Math.Min(height, workers * 4);
        var wrapper = new BandWrapper<TOperation>(operation, height, bands);
        Parallel.For(0, bands, wrapper.Invoke);
    }

    private sealed class BandWrapper<TOperation>(TOperation operation, int height, int bands)
        where TOperation : struct, IRowOperation
    {
        private readonly TOperation _operation = operation;

        public void Invoke(int band)
        {
            int start = (int)((long)height * band / bands);
            int end = (int)((long)height * (band + 1) / bands);
            var op = _operation;
            for (int y = start; y < end; y++)
            {
                op.Invoke(y);
            }
        }
    }
}
