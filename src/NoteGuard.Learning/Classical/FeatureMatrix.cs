namespace NoteGuard.Learning.Classical;

/// <summary>
/// A dense row-major matrix of features: one row per sample, one column per feature, stored as doubles.
/// Missing values are <see cref="double.NaN"/> until an imputer replaces them.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly double[] _data;

    /// <summary>Creates a zero-filled matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the size overflows.</exception>
    public FeatureMatrix(int rows, int columns)
    {
        Guard.MustBeNonNegative(rows);
        Guard.MustBeNonNegative(columns);
        _data = new double[checked(rows * columns)];
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a <paramref name="rows"/> × <paramref name="columns"/> matrix.</summary>
    /// <exception cref="ArgumentException">The length of <paramref name="data"/> is not rows × columns.</exception>
    public FeatureMatrix(double[] data, int rows, int columns)
    {
        Guard.NotNull(data);
        Guard.MustBeNonNegative(rows);
        Guard.MustBeNonNegative(columns);
        Guard.IsTrue((long)rows * columns == data.Length, "data length must equal rows × columns", nameof(data));
        _data = data;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Number of samples.</summary>
    public int Rows { get; }

    /// <summary>Number of features.</summary>
    public int Columns { get; }

    /// <summary>All values, row-major (row r starts at r × <see cref="Columns"/>).</summary>
    public Span<double> Data => _data;

    /// <summary>One value.</summary>
    public double this[int row, int column]
    {
        get => _data[(row * Columns) + column];
        set => _data[(row * Columns) + column] = value;
    }

    /// <summary>The features of one sample.</summary>
    public Span<double> Row(int row) => _data.AsSpan(row * Columns, Columns);

    /// <summary>Builds a matrix from jagged rows, all of the same length.</summary>
    /// <exception cref="ArgumentException">Rows differ in length.</exception>
    public static FeatureMatrix FromRows(IReadOnlyList<double[]> rows)
    {
        Guard.NotNull(rows);
        int columns = rows.Count == 0 ? 0 : rows[0].Length;
        var matrix = new FeatureMatrix(rows.Count, columns);
        for (int r = 0; r < rows.Count; r++)
        {
            Guard.IsTrue(rows[r].Length == columns, "all rows must have the same length", nameof(rows));
            rows[r].CopyTo(matrix.Row(r));
        }

        return matrix;
    }

    /// <summary>A new matrix holding copies of the given rows, in that order.</summary>
    public FeatureMatrix SelectRows(ReadOnlySpan<int> rows)
    {
        var result = new FeatureMatrix(rows.Length, Columns);
        for (int i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(result.Row(i));
        }

        return result;
    }

    /// <summary>A deep copy.</summary>
    public FeatureMatrix Clone() => new((double[])_data.Clone(), Rows, Columns);

    /// <summary>True when any value is NaN.</summary>
    public bool HasMissing() => ContainsNaN(_data);

    internal double[] Array => _data;

    private static bool ContainsNaN(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (double.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }
}
