namespace NoteGuard.Learning.Kernels;

/// <summary>Reductions TensorPrimitives lacks.</summary>
internal static class Reductions
{
    /// <summary>Σ (x − mean)², accumulated in <see cref="Vector{T}"/> lanes (scalar when vectors are not accelerated) then in double.</summary>
    public static double SumSquaredDeviation(ReadOnlySpan<float> x, float mean)
    {
        int i = 0;
        double total = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var m = new Vector<float>(mean);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var d = new Vector<float>(x.Slice(i)) - m;
                acc += d * d;
            }

            total = Vector.Sum(acc);
        }

        for (; i < x.Length; i++)
        {
            double d = x[i] - mean;
            total += d * d;
        }

        return total;
    }
}
