namespace NoteGuard.Learning.Classical.Svm;

/// <summary>
/// The matrix Q[i, j] = y_i y_j K(x_i, x_j) of a C-SVC dual (LIBSVM's SVC_Q), computed row by row on demand
/// through a <see cref="KernelCache"/>. Positions are the solver's current order; <see cref="SwapIndex"/>
/// keeps rows, norms, labels and the diagonal in step with the solver's shrinking swaps.
/// </summary>
internal sealed class SvcKernelMatrix
{
    // Rows of at least this many multiply-adds are filled by two workers.
    private const long ParallelWorkThreshold = 1 << 18;

    private readonly double[] _data;
    private readonly int _columns;
    private readonly int[] _rowOf;
    private readonly double[] _square;
    private readonly sbyte[] _y;
    private readonly double[] _diagonal;
    private readonly KernelFunction _kernel;
    private readonly KernelCache _cache;

    // Dot products / kernel values of the row being filled (the two parallel halves use disjoint ranges).
    private readonly double[] _scratch;

    public SvcKernelMatrix(FeatureMatrix x, ReadOnlySpan<int> rows, ReadOnlySpan<sbyte> y, KernelFunction kernel, long cacheBytes)
    {
        _data = x.Array;
        _columns = x.Columns;
        _rowOf = rows.ToArray();
        _y = y.ToArray();
        _kernel = kernel;
        _square = new double[_rowOf.Length];
        _diagonal = new double[_rowOf.Length];
        for (int i = 0; i < _rowOf.Length; i++)
        {
            var xi = RowSpan(i);
            _square[i] = System.Numerics.Tensors.TensorPrimitives.Dot(xi, xi);
            _diagonal[i] = kernel.FromDot(_square[i], _square[i], _square[i]);
        }

        _scratch = new double[_rowOf.Length];
        _cache = new KernelCache(_rowOf.Length, cacheBytes / sizeof(float));
    }

    public double[] Diagonal => _diagonal;

    /// <summary>Q[i, 0..length) as floats (LIBSVM stores Q in single precision too).</summary>
    public float[] GetRow(int i, int length)
    {
        float[] row = _cache.GetRow(i, length, out int start);
        if (start < length)
        {
            if ((long)(length - start) * _columns >= ParallelWorkThreshold)
            {
                int mid = start + ((length - start) / 2);
                Parallel.Invoke(() => Fill(i, row, start, mid), () => Fill(i, row, mid, length));
            }
            else
            {
                Fill(i, row, start, length);
            }
        }

        return row;
    }

    public void SwapIndex(int i, int j)
    {
        _cache.SwapIndex(i, j);
        (_rowOf[i], _rowOf[j]) = (_rowOf[j], _rowOf[i]);
        (_square[i], _square[j]) = (_square[j], _square[i]);
        (_y[i], _y[j]) = (_y[j], _y[i]);
        (_diagonal[i], _diagonal[j]) = (_diagonal[j], _diagonal[i]);
    }

    // Fully optimised from the first call: a small fit is over before tiered JIT would promote this loop.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Fill(int i, float[] row, int from, int to)
    {
        var xi = RowSpan(i);
        int yi = _y[i];
        var values = _scratch.AsSpan(from, to - from);
        for (int j = from; j < to; j++)
        {
            values[j - from] = KernelFunction.Dot(xi, RowSpan(j));
        }

        _kernel.FromDots(values, _square.AsSpan(from, to - from), _square[i]);
        for (int j = from; j < to; j++)
        {
            row[j] = (float)(yi * _y[j] * values[j - from]);
        }
    }

    private ReadOnlySpan<double> RowSpan(int position) => _data.AsSpan(_rowOf[position] * _columns, _columns);
}
