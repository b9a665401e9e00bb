using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NoteGuard.Learning.Classical.Svm;

/// <summary>The kernel of a support vector machine (LIBSVM's kernel_type).</summary>
public enum SvmKernel
{
    /// <summary>K(x, z) = x·z.</summary>
    Linear,

    /// <summary>K(x, z) = (γ x·z + coef0)^degree.</summary>
    Polynomial,

    /// <summary>K(x, z) = exp(−γ |x − z|²).</summary>
    Rbf,

    /// <summary>K(x, z) = tanh(γ x·z + coef0).</summary>
    Sigmoid,
}

/// <summary>Evaluates one kernel over rows of a row-major matrix; squared norms are cached for RBF like LIBSVM.</summary>
internal readonly struct KernelFunction
{
    private readonly SvmKernel _kernel;
    private readonly double _gamma;
    private readonly double _coef0;
    private readonly int _degree;

    public KernelFunction(SvmKernel kernel, double gamma, double coef0, int degree)
    {
        _kernel = kernel;
        _gamma = gamma;
        _coef0 = coef0;
        _degree = degree;
    }

    public SvmKernel Kind => _kernel;

    /// <summary>γ of the RBF, polynomial and sigmoid kernels.</summary>
    public double Gamma => _gamma;

    /// <summary>K from a dot product and the two squared norms (norms used by RBF only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double FromDot(double dot, double squareA, double squareB) => _kernel switch
    {
        SvmKernel.Linear => dot,
        SvmKernel.Polynomial => PowInt((_gamma * dot) + _coef0, _degree),
        SvmKernel.Rbf => Math.Exp(-_gamma * (squareA + squareB - (2 * dot))),
        _ => Math.Tanh((_gamma * dot) + _coef0),
    };

    public double Evaluate(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double squareA, double squareB) =>
        FromDot(Dot(a, b), squareA, squareB);

    /// <summary>
    /// x·z; a plain loop for short rows, where TensorPrimitives' setup costs more than the arithmetic
    /// (4 features: about 3× faster), TensorPrimitives from <see cref="ShortRowLength"/> features on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length >= ShortRowLength)
        {
            return LongDot(a, b);
        }

        b = b[..a.Length];
        double sum = 0;
        for (int c = 0; c < a.Length; c++)
        {
            sum += a[c] * b[c];
        }

        return sum;
    }

    // Kept out of Dot so that a short-row fit never compiles a reference to System.Numerics.Tensors (loading that
    // assembly and its generic kernels cost milliseconds of a process's first fit).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double LongDot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => TensorPrimitives.Dot(a, b);

    /// <summary>Rows shorter than this are dotted with a scalar loop.</summary>
    public const int ShortRowLength = 16;

    /// <summary>
    /// Turns dot products into kernel values in place: values[s] = K from values[s], squares[s] and
    /// <paramref name="square"/> (as <see cref="FromDot"/>). Scalar on purpose: TensorPrimitives.Exp runs
    /// unoptimised for the first calls of a process (tier-0 JIT), which tripled a cold banknote-sized fit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FromDots(Span<double> values, ReadOnlySpan<double> squares, double square)
    {
        switch (_kernel)
        {
            case SvmKernel.Linear:
                return;
            case SvmKernel.Rbf:
                squares = squares[..values.Length];
                for (int s = 0; s < values.Length; s++)
                {
                    values[s] = Math.Exp(-_gamma * (squares[s] + square - (2 * values[s])));
                }

                return;
            default:
                for (int s = 0; s < values.Length; s++)
                {
                    values[s] = FromDot(values[s], squares[s], square);
                }

                return;
        }
    }

    /// <summary>
    /// e^x per lane for x ≤ 709, within about one unit in the last place of <see cref="Math.Exp"/> (so the same value
    /// once rounded to float, which is all the kernel rows keep); 0 below −708 (where e^x is subnormal or zero).
    /// Our own rather than <see cref="Vector256.Exp(Vector256{double})"/>, which the runtime first compiles
    /// unoptimised (tier 0) and so ran several times slower than the scalar loop during a short process's first fits.
    /// </summary>
    /// <remarks>
    /// Cody–Waite reduction x = n ln2 + r with n = round(x / ln2) and |r| ≤ ln2 / 2 (ln 2 split as fdlibm's
    /// ln2HI + ln2LO, ln2HI with 21 trailing zero bits so n·ln2HI is exact); e^r from its Taylor series to r^13
    /// (the first omitted term is below 5e-18) by Horner's rule with fused multiply-adds; 2^n built in the exponent
    /// bits via the 1.5·2^52 rounding constant.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        const double Log2E = 1.4426950408889634;
        const double Ln2Hi = 6.93147180369123816490e-01;
        const double Ln2Lo = 1.90821492927058770002e-10;
        const double RoundingShift = 6755399441055744.0; // 1.5 · 2^52: adding it rounds to an integer in the low bits
        var underflow = Vector256.LessThan(x, Vector256.Create(-708.0));
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-708.0)), Vector256.Create(709.0));
        var shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        var n = shifted - Vector256.Create(RoundingShift);
        var r = x - (n * Ln2Hi);
        r -= n * Ln2Lo;

        var p = Vector256.Create(1.0 / 6227020800.0); // 1/13!
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 479001600.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 39916800.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 3628800.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 362880.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 40320.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 5040.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 720.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 120.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 24.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 6.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);

        // n sits in the low bits of `shifted`; 2^n = (n + 1023) << 52 as a double, n in [−1022, 1023].
        var exponent = (shifted.AsInt64() - Vector256.Create(RoundingShift).AsInt64() + Vector256.Create(1023L)) << 52;
        var result = p * exponent.AsDouble();
        return Vector256.AndNot(result, underflow);
    }

    /// <summary>Integer power by squaring, as LIBSVM's powi.</summary>
    private static double PowInt(double value, int exponent)
    {
        double result = 1;
        double t = value;
        for (int i = exponent; i > 0; i /= 2)
        {
            if ((i & 1) != 0)
            {
                result *= t;
            }

            t *= t;
        }

        return result;
    }
}
