namespace NoteGuard.Learning.Classical.Svm;

/// <summary>
/// LIBSVM's least-recently-used cache of kernel (Q) rows. Row i holds Q[i, 0..len) in the solver's current
/// index order; a row may be cached only partially (shrinking asks for the active prefix) and is extended on
/// demand. The budget is counted in floats and never below two full rows, so the two rows of one SMO
/// step are both resident.
/// </summary>
internal sealed class KernelCache
{
    private readonly int _count;
    private readonly float[]?[] _rows;
    private readonly int[] _lengths;

    // Doubly linked LRU list over row indices; _count is the sentinel.
    private readonly int[] _next;
    private readonly int[] _prev;
    private long _available;

    public KernelCache(int count, long budgetFloats)
    {
        _count = count;
        _rows = new float[count][];
        _lengths = new int[count];
        _next = new int[count + 1];
        _prev = new int[count + 1];
        _next[count] = count;
        _prev[count] = count;
        _available = Math.Max(budgetFloats, 2L * count);
    }

    /// <summary>
    /// Returns the buffer of row <paramref name="index"/> with room for <paramref name="length"/> values and
    /// the position from which the caller must compute values (earlier ones are cached).
    /// </summary>
    public float[] GetRow(int index, int length, out int start)
    {
        int have = _lengths[index];
        if (have > 0)
        {
            Unlink(index);
        }

        int more = length - have;
        if (more > 0)
        {
            while (_available < more)
            {
                int victim = _next[_count];
                Unlink(victim);
                _available += _lengths[victim];
                _rows[victim] = null;
                _lengths[victim] = 0;
            }

            var row = _rows[index];
            Array.Resize(ref row, length);
            _rows[index] = row;
            _available -= more;
            _lengths[index] = length;
            start = have;
        }
        else
        {
            start = length;
        }

        LinkLast(index);
        return _rows[index]!;
    }

    /// <summary>Swaps positions i and j in every cached row (LIBSVM's Cache::swap_index); rows that hold only one of them are dropped.</summary>
    public void SwapIndex(int i, int j)
    {
        if (i == j)
        {
            return;
        }

        if (_lengths[i] > 0)
        {
            Unlink(i);
        }

        if (_lengths[j] > 0)
        {
            Unlink(j);
        }

        (_rows[i], _rows[j]) = (_rows[j], _rows[i]);
        (_lengths[i], _lengths[j]) = (_lengths[j], _lengths[i]);
        if (_lengths[i] > 0)
        {
            LinkLast(i);
        }

        if (_lengths[j] > 0)
        {
            LinkLast(j);
        }

        if (i > j)
        {
            (i, j) = (j, i);
        }

        for (int h = _next[_count]; h != _count;)
        {
            int following = _next[h];
            if (_lengths[h] > i)
            {
                if (_lengths[h] > j)
                {
                    var row = _rows[h]!;
                    (row[i], row[j]) = (row[j], row[i]);
                }
                else
                {
                    Unlink(h);
                    _available += _lengths[h];
                    _rows[h] = null;
                    _lengths[h] = 0;
                }
            }

            h = following;
        }
    }

    private void Unlink(int h)
    {
        _next[_prev[h]] = _next[h];
        _prev[_next[h]] = _prev[h];
    }

    private void LinkLast(int h)
    {
        _next[h] = _count;
        _prev[h] = _prev[_count];
        _next[_prev[_count]] = h;
        _prev[_count] = h;
    }
}
