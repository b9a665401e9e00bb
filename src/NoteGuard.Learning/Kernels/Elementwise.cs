namespace NoteGuard.Learning.Kernels;

/// <summary>
/// Element-wise loops TensorPrimitives lacks. Vector&lt;float&gt; lanes (AVX2 width here) with a scalar tail; when vectors
/// are not hardware accelerated the scalar loop does everything.
/// </summary>
internal static class Elementwise
{
    /// <summary>dst = x·scale + shift.</summary>
    public static void Affine(ReadOnlySpan<float> x, float scale, float shift, Span<float> dst)
    {
        Debug.Assert(dst.Length >= x.Length, "destination too short");
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(scale);
            var t = new Vector<float>(shift);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.FusedMultiplyAdd(new Vector<float>(x.Slice(i)), s, t).CopyTo(dst.Slice(i));
            }
        }

        for (; i < x.Length; i++)
        {
            dst[i] = (x[i] * scale) + shift;
        }
    }

    /// <summary>dx = y &gt; 0 ? dy : 0 (ReLU backward from the output).</summary>
    public static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= y.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var mask = Vector.GreaterThan(new Vector<float>(y.Slice(i)), Vector<float>.Zero);
                Vector.ConditionalSelect(mask, new Vector<float>(dy.Slice(i)), Vector<float>.Zero).CopyTo(dx.Slice(i));
            }
        }

        for (; i < y.Length; i++)
        {
            dx[i] = y[i] > 0 ? dy[i] : 0;
        }
    }

    /// <summary>dx = lo &lt; x &lt; hi ? dy : 0 (ReLU6 / hardtanh backward from the input, as torch).</summary>
    public static void ClampBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, float lo, float hi, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vlo = new Vector<float>(lo);
            var vhi = new Vector<float>(hi);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(x.Slice(i));
                var mask = Vector.BitwiseAnd(Vector.GreaterThan(v, vlo), Vector.LessThan(v, vhi));
                Vector.ConditionalSelect(mask, new Vector<float>(dy.Slice(i)), Vector<float>.Zero).CopyTo(dx.Slice(i));
            }
        }

        for (; i < x.Length; i++)
        {
            dx[i] = x[i] > lo && x[i] < hi ? dy[i] : 0;
        }
    }

    /// <summary>dst = clamp(x, lo, hi).</summary>
    public static void Clamp(ReadOnlySpan<float> x, float lo, float hi, Span<float> dst)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vlo = new Vector<float>(lo);
            var vhi = new Vector<float>(hi);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Min(Vector.Max(new Vector<float>(x.Slice(i)), vlo), vhi).CopyTo(dst.Slice(i));
            }
        }

        for (; i < x.Length; i++)
        {
            dst[i] = Math.Min(Math.Max(x[i], lo), hi);
        }
    }
}
