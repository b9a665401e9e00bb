using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NoteGuard.Learning.Classical.Svm;

/// <summary>
/// Sequential minimal optimisation for the C-SVC dual: min ½ αᵀQα − eᵀα subject to yᵀα = 0, 0 ≤ α ≤ C.
/// Working sets are chosen with second-order information (WSS2, Fan, Chen &amp; Lin, JMLR 6, 2005, Algorithm 1
/// with the "τ" safeguard), variables stuck at a bound are shrunk and the gradient reconstructed before the
/// final check, exactly as LIBSVM's Solver does, so the result matches LIBSVM (and scikit-learn) to the
/// stopping tolerance.
/// </summary>
internal sealed class SmoSolver
{
    private const double Tau = 1e-12;

    private readonly SvcKernelMatrix _q;
    private readonly int _count;
    private readonly sbyte[] _y;
    private readonly double[] _alpha;
    private readonly double[] _gradient;
    private readonly double[] _gradientBar;
    private readonly byte[] _status;
    private readonly int[] _activeSet;
    private readonly double[] _p;
    private readonly double[] _qd;
    private readonly double _cPositive;
    private readonly double _cNegative;
    private readonly double _eps;
    private readonly bool _shrinking;
    private int _activeSize;
    private bool _unshrink;

    private const byte LowerBound = 0;
    private const byte UpperBound = 1;
    private const byte Free = 2;

    private SmoSolver(SvcKernelMatrix q, ReadOnlySpan<sbyte> y, double cPositive, double cNegative, double eps, bool shrinking)
    {
        _q = q;
        _count = y.Length;
        _y = y.ToArray();
        _alpha = new double[_count];
        _gradient = new double[_count];
        _gradientBar = new double[_count];
        _status = new byte[_count];
        _activeSet = new int[_count];
        _p = new double[_count];
        _qd = q.Diagonal;
        _cPositive = cPositive;
        _cNegative = cNegative;
        _eps = eps;
        _shrinking = shrinking;
    }

    /// <summary>Result of one binary problem: signed coefficients y_i α_i (in input order), the offset ρ and iterations used.</summary>
    internal readonly record struct Solution(double[] Coefficients, double Rho, int Iterations);

    /// <summary>
    /// Solves one binary C-SVC problem over <paramref name="rows"/> of <paramref name="x"/> with labels ±1.
    /// The decision function is Σ coef_i K(x_i, x) − ρ, positive for label +1.
    /// </summary>
    public static Solution SolveCSvc(
        FeatureMatrix x, ReadOnlySpan<int> rows, ReadOnlySpan<sbyte> y, KernelFunction kernel,
        double cPositive, double cNegative, double eps, bool shrinking, long cacheBytes)
    {
        var q = new SvcKernelMatrix(x, rows, y, kernel, cacheBytes);
        var solver = new SmoSolver(q, y, cPositive, cNegative, eps, shrinking);
        return solver.Solve();
    }

    private double C(int i) => _y[i] > 0 ? _cPositive : _cNegative;

    private bool IsUpper(int i) => _status[i] == UpperBound;

    private bool IsLower(int i) => _status[i] == LowerBound;

    private bool IsFree(int i) => _status[i] == Free;

    private void UpdateStatus(int i)
    {
        if (_alpha[i] >= C(i))
        {
            _status[i] = UpperBound;
        }
        else if (_alpha[i] <= 0)
        {
            _status[i] = LowerBound;
        }
        else
        {
            _status[i] = Free;
        }
    }

    private Solution Solve()
    {
        int l = _count;
        for (int i = 0; i < l; i++)
        {
            _p[i] = -1;
            _gradient[i] = -1;
            _activeSet[i] = i;
            UpdateStatus(i);
        }

        _activeSize = l;
        int maxIterations = Math.Max(10_000_000, l > int.MaxValue / 100 ? int.MaxValue : 100 * l);
        int counter = Math.Min(l, 1000) + 1;
        int iteration = 0;
        while (iteration < maxIterations)
        {
            if (--counter == 0)
            {
                counter = Math.Min(l, 1000);
                if (_shrinking)
                {
                    Shrink();
                }
            }

            if (!SelectWorkingSet(out int i, out int j))
            {
                ReconstructGradient();
                _activeSize = l;
                if (!SelectWorkingSet(out i, out j))
                {
                    break;
                }

                counter = 1;
            }

            iteration++;
            TakeStep(i, j);
        }

        if (_activeSize < l)
        {
            ReconstructGradient();
            _activeSize = l;
        }

        double rho = CalculateRho();
        var coefficients = new double[l];
        for (int i = 0; i < l; i++)
        {
            coefficients[_activeSet[i]] = _alpha[i] * _y[i];
        }

        return new Solution(coefficients, rho, iteration);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TakeStep(int i, int j)
    {
        float[] qi = _q.GetRow(i, _activeSize);
        float[] qj = _q.GetRow(j, _activeSize);
        double ci = C(i);
        double cj = C(j);
        double oldAi = _alpha[i];
        double oldAj = _alpha[j];

        if (_y[i] != _y[j])
        {
            double quad = _qd[i] + _qd[j] + (2 * qi[j]);
            if (quad <= 0)
            {
                quad = Tau;
            }

            double delta = (-_gradient[i] - _gradient[j]) / quad;
            double diff = _alpha[i] - _alpha[j];
            _alpha[i] += delta;
            _alpha[j] += delta;
            if (diff > 0)
            {
                if (_alpha[j] < 0)
                {
                    _alpha[j] = 0;
                    _alpha[i] = diff;
                }
            }
            else if (_alpha[i] < 0)
            {
                _alpha[i] = 0;
                _alpha[j] = -diff;
            }

            if (diff > ci - cj)
            {
                if (_alpha[i] > ci)
                {
                    _alpha[i] = ci;
                    _alpha[j] = ci - diff;
                }
            }
            else if (_alpha[j] > cj)
            {
                _alpha[j] = cj;
                _alpha[i] = cj + diff;
            }
        }
        else
        {
            double quad = _qd[i] + _qd[j] - (2 * qi[j]);
            if (quad <= 0)
            {
                quad = Tau;
            }

            double delta = (_gradient[i] - _gradient[j]) / quad;
            double sum = _alpha[i] + _alpha[j];
            _alpha[i] -= delta;
            _alpha[j] += delta;
            if (sum > ci)
            {
                if (_alpha[i] > ci)
                {
                    _alpha[i] = ci;
                    _alpha[j] = sum - ci;
                }
            }
            else if (_alpha[j] < 0)
            {
                _alpha[j] = 0;
                _alpha[i] = sum;
            }

            if (sum > cj)
            {
                if (_alpha[j] > cj)
                {
                    _alpha[j] = cj;
                    _alpha[i] = sum - cj;
                }
            }
            else if (_alpha[i] < 0)
            {
                _alpha[i] = 0;
                _alpha[j] = sum;
            }
        }

        double dAi = _alpha[i] - oldAi;
        double dAj = _alpha[j] - oldAj;
        UpdateGradient(qi, qj, dAi, dAj, _activeSize);

        bool wasUpperI = IsUpper(i);
        bool wasUpperJ = IsUpper(j);
        UpdateStatus(i);
        UpdateStatus(j);
        if (wasUpperI != IsUpper(i))
        {
            AddToGradientBar(i, wasUpperI ? -ci : ci);
        }

        if (wasUpperJ != IsUpper(j))
        {
            AddToGradientBar(j, wasUpperJ ? -cj : cj);
        }
    }

    /// <summary>
    /// G[k] += Q_i[k] ΔA_i + Q_j[k] ΔA_j for k &lt; length, the floats widened to double; lanes do the scalar
    /// loop's multiplies and adds in the same order (no fused multiply-add), so the result is bit-identical.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateGradient(float[] qi, float[] qj, double dAi, double dAj, int length)
    {
        Debug.Assert(length <= qi.Length && length <= qj.Length && length <= _gradient.Length);
        ref double g = ref MemoryMarshal.GetArrayDataReference(_gradient);
        ref float rowI = ref MemoryMarshal.GetArrayDataReference(qi);
        ref float rowJ = ref MemoryMarshal.GetArrayDataReference(qj);
        int k = 0;
        // 8 floats per row widen into two vectors of 4 doubles; the tail (under 8) is scalar.
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k <= length - Vector256<float>.Count; k += Vector256<float>.Count)
            {
                var fi = Vector256.LoadUnsafe(ref rowI, (nuint)k);
                var fj = Vector256.LoadUnsafe(ref rowJ, (nuint)k);
                var low = Vector256.LoadUnsafe(ref g, (nuint)k)
                    + ((Vector256.WidenLower(fi) * dAi) + (Vector256.WidenLower(fj) * dAj));
                var high = Vector256.LoadUnsafe(ref g, (nuint)(k + Vector256<double>.Count))
                    + ((Vector256.WidenUpper(fi) * dAi) + (Vector256.WidenUpper(fj) * dAj));
                low.StoreUnsafe(ref g, (nuint)k);
                high.StoreUnsafe(ref g, (nuint)(k + Vector256<double>.Count));
            }
        }

        for (; k < length; k++)
        {
            Unsafe.Add(ref g, k) += (Unsafe.Add(ref rowI, k) * dAi) + (Unsafe.Add(ref rowJ, k) * dAj);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddToGradientBar(int i, double scale)
    {
        float[] qi = _q.GetRow(i, _count);
        var bar = _gradientBar.AsSpan(0, _count);
        var row = qi.AsSpan(0, _count);
        for (int k = 0; k < bar.Length; k++)
        {
            bar[k] += scale * row[k];
        }
    }

    /// <summary>WSS2: i maximises −y∇f over I_up; j minimises the second-order decrease over I_low. False when optimal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SelectWorkingSet(out int outI, out int outJ)
    {
        double gMax = double.NegativeInfinity;
        double gMax2 = double.NegativeInfinity;
        int gMaxIndex = -1;
        int gMinIndex = -1;
        double objDiffMin = double.PositiveInfinity;
        int active = _activeSize;
        Debug.Assert(active <= _count);
        ref sbyte y = ref MemoryMarshal.GetArrayDataReference(_y);
        ref byte status = ref MemoryMarshal.GetArrayDataReference(_status);
        ref double gradient = ref MemoryMarshal.GetArrayDataReference(_gradient);

        for (int t = 0; t < active; t++)
        {
            // y_t = +1 may move up unless at C, y_t = −1 unless at 0; the candidate value is −y_t G_t.
            double g = Unsafe.Add(ref gradient, t);
            if (Unsafe.Add(ref y, t) > 0)
            {
                if (Unsafe.Add(ref status, t) != UpperBound && -g >= gMax)
                {
                    gMax = -g;
                    gMaxIndex = t;
                }
            }
            else if (Unsafe.Add(ref status, t) != LowerBound && g >= gMax)
            {
                gMax = g;
                gMaxIndex = t;
            }
        }

        if (gMaxIndex == -1)
        {
            // Nothing can move up: WSS2's inner loop would find no j either.
            outI = -1;
            outJ = -1;
            return false;
        }

        int i = gMaxIndex;
        float[] qiRow = _q.GetRow(i, active);
        Debug.Assert(qiRow.Length >= active);
        ref float qi = ref MemoryMarshal.GetArrayDataReference(qiRow);
        ref double qd = ref MemoryMarshal.GetArrayDataReference(_qd);
        double qdI = _qd[i];
        double yi = _y[i];
        for (int j = 0; j < active; j++)
        {
            double g = Unsafe.Add(ref gradient, j);
            if (Unsafe.Add(ref y, j) > 0)
            {
                if (Unsafe.Add(ref status, j) != LowerBound)
                {
                    double gradDiff = gMax + g;
                    if (g >= gMax2)
                    {
                        gMax2 = g;
                    }

                    if (gradDiff > 0)
                    {
                        double quad = qdI + Unsafe.Add(ref qd, j) - (2.0 * yi * Unsafe.Add(ref qi, j));
                        double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                        if (objDiff <= objDiffMin)
                        {
                            gMinIndex = j;
                            objDiffMin = objDiff;
                        }
                    }
                }
            }
            else if (Unsafe.Add(ref status, j) != UpperBound)
            {
                double gradDiff = gMax - g;
                if (-g >= gMax2)
                {
                    gMax2 = -g;
                }

                if (gradDiff > 0)
                {
                    double quad = qdI + Unsafe.Add(ref qd, j) + (2.0 * yi * Unsafe.Add(ref qi, j));
                    double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                    if (objDiff <= objDiffMin)
                    {
                        gMinIndex = j;
                        objDiffMin = objDiff;
                    }
                }
            }
        }

        outI = gMaxIndex;
        outJ = gMinIndex;
        return !(gMax + gMax2 < _eps || gMinIndex == -1);
    }

    private bool BeShrunk(int i, double gMax1, double gMax2)
    {
        if (IsUpper(i))
        {
            return _y[i] > 0 ? -_gradient[i] > gMax1 : -_gradient[i] > gMax2;
        }

        if (IsLower(i))
        {
            return _y[i] > 0 ? _gradient[i] > gMax2 : _gradient[i] > gMax1;
        }

        return false;
    }

    private void Shrink()
    {
        double gMax1 = double.NegativeInfinity;
        double gMax2 = double.NegativeInfinity;
        for (int i = 0; i < _activeSize; i++)
        {
            if (_y[i] > 0)
            {
                if (!IsUpper(i) && -_gradient[i] >= gMax1)
                {
                    gMax1 = -_gradient[i];
                }

                if (!IsLower(i) && _gradient[i] >= gMax2)
                {
                    gMax2 = _gradient[i];
                }
            }
            else
            {
                if (!IsUpper(i) && -_gradient[i] >= gMax2)
                {
                    gMax2 = -_gradient[i];
                }

                if (!IsLower(i) && _gradient[i] >= gMax1)
                {
                    gMax1 = _gradient[i];
                }
            }
        }

        if (!_unshrink && gMax1 + gMax2 <= _eps * 10)
        {
            _unshrink = true;
            ReconstructGradient();
            _activeSize = _count;
        }

        for (int i = 0; i < _activeSize; i++)
        {
            if (BeShrunk(i, gMax1, gMax2))
            {
                _activeSize--;
                while (_activeSize > i)
                {
                    if (!BeShrunk(_activeSize, gMax1, gMax2))
                    {
                        Swap(i, _activeSize);
                        break;
                    }

                    _activeSize--;
                }
            }
        }
    }

    private void Swap(int i, int j)
    {
        _q.SwapIndex(i, j);
        (_y[i], _y[j]) = (_y[j], _y[i]);
        (_gradient[i], _gradient[j]) = (_gradient[j], _gradient[i]);
        (_status[i], _status[j]) = (_status[j], _status[i]);
        (_alpha[i], _alpha[j]) = (_alpha[j], _alpha[i]);
        (_p[i], _p[j]) = (_p[j], _p[i]);
        (_activeSet[i], _activeSet[j]) = (_activeSet[j], _activeSet[i]);
        (_gradientBar[i], _gradientBar[j]) = (_gradientBar[j], _gradientBar[i]);
    }

    /// <summary>Recomputes the gradient of shrunk variables from Ḡ and the free variables.</summary>
    private void ReconstructGradient()
    {
        if (_activeSize == _count)
        {
            return;
        }

        for (int j = _activeSize; j < _count; j++)
        {
            _gradient[j] = _gradientBar[j] + _p[j];
        }

        int free = 0;
        for (int j = 0; j < _activeSize; j++)
        {
            if (IsFree(j))
            {
                free++;
            }
        }

        if ((long)free * _count > 2L * _activeSize * (_count - _activeSize))
        {
            for (int i = _activeSize; i < _count; i++)
            {
                float[] qi = _q.GetRow(i, _activeSize);
                for (int j = 0; j < _activeSize; j++)
                {
                    if (IsFree(j))
                    {
                        _gradient[i] += _alpha[j] * qi[j];
                    }
                }
            }
        }
        else
        {
            for (int i = 0; i < _activeSize; i++)
            {
                if (IsFree(i))
                {
                    float[] qi = _q.GetRow(i, _count);
                    double ai = _alpha[i];
                    for (int j = _activeSize; j < _count; j++)
                    {
                        _gradient[j] += ai * qi[j];
                    }
                }
            }
        }
    }

    private double CalculateRho()
    {
        int free = 0;
        double upper = double.PositiveInfinity;
        double lower = double.NegativeInfinity;
        double sumFree = 0;
        for (int i = 0; i < _activeSize; i++)
        {
            double yg = _y[i] * _gradient[i];
            if (IsUpper(i))
            {
                if (_y[i] < 0)
                {
                    upper = Math.Min(upper, yg);
                }
                else
                {
                    lower = Math.Max(lower, yg);
                }
            }
            else if (IsLower(i))
            {
                if (_y[i] > 0)
                {
                    upper = Math.Min(upper, yg);
                }
                else
                {
                    lower = Math.Max(lower, yg);
                }
            }
            else
            {
                free++;
                sumFree += yg;
            }
        }

        return free > 0 ? sumFree / free : (upper + lower) / 2;
    }
}
