using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

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
            return TensorPrimitives.Dot(a, b);
        }

        b = b[..a.Length];
        double sum = 0;
        for (int c = 0; c < a.Length; c++)
        {
            sum += a[c] * b[c];
        }

        return sum;
    }

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
