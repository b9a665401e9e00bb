using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NoteGuard.Learning.Classical.Svm;

/// <summary>
/// The matrix Q[i, j] = y_i y_j K(x_i, x_j) of a C-SVC dual (LIBSVM's SVC_Q), computed row by row on demand
/// through a <see cref="KernelCache"/>. Positions are the solver's current order; <see cref="SwapIndex"/>
/// keeps rows, norms, labels and the diagonal in step with the solver's shrinking swaps.
/// </summary>
/// <remarks>
/// Short rows (fewer than <see cref="KernelFunction.ShortRowLength"/> features, e.g. the 4 banknote features) keep
/// a column-major copy of the problem's rows, so one SIMD lane per j computes x_i·x_j feature by feature in the
/// same order as the scalar loop (bit-identical dot products), and RBF rows are finished with a vector exp.
/// </remarks>
internal sealed class SvcKernelMatrix
{
    // Rows of at least this many multiply-adds are filled by two workers.
    private const long ParallelWorkThreshold = 1 << 18;

    private readonly double[] _data;
    private readonly int _columns;
    private readonly int _count;
    private readonly int[] _rowOf;
    private readonly double[] _square;
    private readonly sbyte[] _y;
    private readonly double[] _diagonal;
    private readonly KernelFunction _kernel;
    private readonly KernelCache _cache;

    // Short rows only: feature c of position j at [c * _count + j], and y_j as ±1.0, both in solver order.
    private readonly double[]? _byColumn;
    private readonly double[]? _sign;

    // Dot products / kernel values of the row being filled (the two parallel halves use disjoint ranges).
    private readonly double[] _scratch;

    public SvcKernelMatrix(FeatureMatrix x, ReadOnlySpan<int> rows, ReadOnlySpan<sbyte> y, KernelFunction kernel, long cacheBytes)
    {
        _data = x.Array;
        _columns = x.Columns;
        _count = rows.Length;
        _rowOf = rows.ToArray();
        _y = y.ToArray();
        _kernel = kernel;
        _square = new double[_count];
        _diagonal = new double[_count];
        if (_columns < KernelFunction.ShortRowLength)
        {
            _byColumn = new double[_columns * _count];
            _sign = new double[_count];
        }

        for (int i = 0; i < _count; i++)
        {
            var xi = RowSpan(i);
            _square[i] = KernelFunction.Dot(xi, xi);
            _diagonal[i] = kernel.FromDot(_square[i], _square[i], _square[i]);
            if (_byColumn is not null)
            {
                for (int c = 0; c < xi.Length; c++)
                {
                    _byColumn[(c * _count) + i] = xi[c];
                }

                _sign![i] = _y[i];
            }
        }

        _scratch = new double[_count];
        _cache = new KernelCache(_count, cacheBytes / sizeof(float));
    }

    public double[] Diagonal => _diagonal;

    /// <summary>Q[i, 0..length) as floats (LIBSVM stores Q in single precision too).</summary>
    public float[] GetRow(int i, int length)
    {
        float[] row = _cache.GetRow(i, length, out int start);
        if (start < length)
        {
            if (_byColumn is not null)
            {
                FillShort(i, row, start, length);
            }
            else if ((long)(length - start) * _columns >= ParallelWorkThreshold)
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
        if (_byColumn is not null)
        {
            (_sign![i], _sign[j]) = (_sign[j], _sign[i]);
            for (int c = 0; c < _columns; c++)
            {
                int offset = c * _count;
                (_byColumn[offset + i], _byColumn[offset + j]) = (_byColumn[offset + j], _byColumn[offset + i]);
            }
        }
    }

    // Fully optimised from the first call: a small fit is over before tiered JIT would promote this loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// Q[i, from..to) for short rows. Dot products: lane j sums x_i[c]·x_j[c] over c = 0, 1, … with separate
    /// multiplies and adds, exactly the scalar loop's operations, so the values are bit-identical to
    /// <see cref="KernelFunction.Dot"/>. RBF: exp(−γ((|x_j|² + |x_i|²) − 2 x_i·x_j)) with the operations in
    /// <see cref="KernelFunction.FromDots"/>'s order, then the sign y_i y_j and the rounding to float.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillShort(int i, float[] row, int from, int to)
    {
        int n = _count;
        int columns = _columns;
        ReadOnlySpan<double> xi = RowSpan(i);
        ref double byColumn = ref MemoryMarshal.GetArrayDataReference(_byColumn!);
        ref double dots = ref MemoryMarshal.GetArrayDataReference(_scratch);
        int j = from;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= to - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                var sum = Vector256<double>.Zero;
                for (int c = 0; c < columns; c++)
                {
                    sum += Vector256.Create(xi[c]) * Vector256.LoadUnsafe(ref byColumn, (nuint)((c * n) + j));
                }

                sum.StoreUnsafe(ref dots, (nuint)j);
            }
        }

        for (; j < to; j++)
        {
            double sum = 0;
            for (int c = 0; c < columns; c++)
            {
                sum += xi[c] * Unsafe.Add(ref byColumn, (c * n) + j);
            }

            Unsafe.Add(ref dots, j) = sum;
        }

        if (_kernel.Kind == SvmKernel.Rbf)
        {
            RbfRow(i, row, from, to);
            return;
        }

        var values = _scratch.AsSpan(from, to - from);
        _kernel.FromDots(values, _square.AsSpan(from, to - from), _square[i]);
        int yi = _y[i];
        for (j = from; j < to; j++)
        {
            row[j] = (float)(yi * _y[j] * values[j - from]);
        }
    }

    /// <summary>Turns the dot products in the scratch row into RBF Q values (see <see cref="FillShort"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RbfRow(int i, float[] row, int from, int to)
    {
        double negGamma = -_kernel.Gamma;
        double squareI = _square[i];
        double yi = _y[i];
        ref double dots = ref MemoryMarshal.GetArrayDataReference(_scratch);
        ref double squares = ref MemoryMarshal.GetArrayDataReference(_square);
        ref double sign = ref MemoryMarshal.GetArrayDataReference(_sign!);
        ref float q = ref MemoryMarshal.GetArrayDataReference(row);
        Debug.Assert(to <= row.Length);
        int j = from;

        // One vector of 4 doubles narrows into 4 floats; the tail (under 4) is scalar.
        if (Vector256.IsHardwareAccelerated)
        {
            var squareIs = Vector256.Create(squareI);
            var signI = Vector256.Create(yi);
            for (; j <= to - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                var dot = Vector256.LoadUnsafe(ref dots, (nuint)j);
                var distance = (Vector256.LoadUnsafe(ref squares, (nuint)j) + squareIs) - (dot * 2.0);
                var value = KernelFunction.Exp(negGamma * distance) * (Vector256.LoadUnsafe(ref sign, (nuint)j) * signI);
                Vector128.Narrow(value.GetLower(), value.GetUpper()).StoreUnsafe(ref q, (nuint)j);
            }
        }

        for (; j < to; j++)
        {
            double value = Math.Exp(negGamma * (Unsafe.Add(ref squares, j) + squareI - (2 * Unsafe.Add(ref dots, j))));
            Unsafe.Add(ref q, j) = (float)(yi * Unsafe.Add(ref sign, j) * value);
        }
    }

    private ReadOnlySpan<double> RowSpan(int position) => _data.AsSpan(_rowOf[position] * _columns, _columns);
}
