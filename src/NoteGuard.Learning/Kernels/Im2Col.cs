using System.Runtime.Intrinsics;

namespace NoteGuard.Learning.Kernels;

/// <summary>Geometry of a 2-D convolution or pooling window over one image plane.</summary>
internal readonly record struct ConvGeometry(
    int Channels, int Height, int Width, int KernelH, int KernelW, int StrideH, int StrideW, int PadH, int PadW, int DilationH, int DilationW)
{
    public int OutHeight => ((Height + (2 * PadH) - (DilationH * (KernelH - 1)) - 1) / StrideH) + 1;

    public int OutWidth => ((Width + (2 * PadW) - (DilationW * (KernelW - 1)) - 1) / StrideW) + 1;

    /// <summary>Rows of the column matrix: channels × kernel taps.</summary>
    public int ColumnRows => Channels * KernelH * KernelW;

    /// <summary>Columns of the column matrix: output positions.</summary>
    public int ColumnCols => OutHeight * OutWidth;

    public bool IsPointwise => KernelH == 1 && KernelW == 1 && StrideH == 1 && StrideW == 1 && PadH == 0 && PadW == 0;
}

/// <summary>
/// im2col / col2im: the column matrix has one row per (channel, ky, kx) tap, in the weight's [C][kh][kw] order, and one
/// column per output position (oy·OutWidth + ox); taps that fall in the zero padding read as 0.
/// </summary>
internal static unsafe class Im2Col
{
    public static void Expand(in ConvGeometry g, ReadOnlySpan<float> image, Span<float> columns)
    {
        Debug.Assert(image.Length >= g.Channels * g.Height * g.Width, "image too short");
        Debug.Assert(columns.Length >= g.ColumnRows * g.ColumnCols, "columns too short");
        fixed (float* img = image)
        fixed (float* col = columns)
        {
            ExpandCore(g, img, col);
        }
    }

    /// <summary>Adds the column matrix back into an image-shaped gradient (which the caller cleared).</summary>
    public static void Accumulate(in ConvGeometry g, ReadOnlySpan<float> columns, Span<float> image)
    {
        Debug.Assert(image.Length >= g.Channels * g.Height * g.Width, "image too short");
        Debug.Assert(columns.Length >= g.ColumnRows * g.ColumnCols, "columns too short");
        fixed (float* img = image)
        fixed (float* col = columns)
        {
            AccumulateCore(g, col, img);
        }
    }

    // Pointer loops: the rows are short (often 8-64 floats), so per-call span overhead would dominate.
    private static void ExpandCore(in ConvGeometry g, float* image, float* columns)
    {
        int outH = g.OutHeight;
        int outW = g.OutWidth;
        int plane = g.Height * g.Width;
        float* dst = columns;
        for (int c = 0; c < g.Channels; c++)
        {
            float* src = image + ((long)c * plane);
            for (int ky = 0; ky < g.KernelH; ky++)
            {
                for (int kx = 0; kx < g.KernelW; kx++)
                {
                    int offX = (kx * g.DilationW) - g.PadW;
                    // Output columns whose input x lies inside the image: ox in [oxLo, oxHi).
                    int oxLo = Math.Clamp(CeilDiv(-offX, g.StrideW), 0, outW);
                    int oxHi = Math.Clamp(CeilDiv(g.Width - offX, g.StrideW), oxLo, outW);
                    for (int oy = 0; oy < outH; oy++, dst += outW)
                    {
                        int iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
                        if ((uint)iy >= (uint)g.Height)
                        {
                            Zero(dst, outW);
                            continue;
                        }

                        Zero(dst, oxLo);
                        Zero(dst + oxHi, outW - oxHi);
                        float* s = src + ((long)iy * g.Width) + offX;
                        if (g.StrideW == 1)
                        {
                            Copy(s + oxLo, dst + oxLo, oxHi - oxLo);
                        }
                        else
                        {
                            for (int ox = oxLo; ox < oxHi; ox++)
                            {
                                dst[ox] = s[ox * g.StrideW];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void AccumulateCore(in ConvGeometry g, float* columns, float* image)
    {
        int outH = g.OutHeight;
        int outW = g.OutWidth;
        int plane = g.Height * g.Width;
        float* src = columns;
        for (int c = 0; c < g.Channels; c++)
        {
            float* dstPlane = image + ((long)c * plane);
            for (int ky = 0; ky < g.KernelH; ky++)
            {
                for (int kx = 0; kx < g.KernelW; kx++)
                {
                    int offX = (kx * g.DilationW) - g.PadW;
                    int oxLo = Math.Clamp(CeilDiv(-offX, g.StrideW), 0, outW);
                    int oxHi = Math.Clamp(CeilDiv(g.Width - offX, g.StrideW), oxLo, outW);
                    for (int oy = 0; oy < outH; oy++, src += outW)
                    {
                        int iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
                        if ((uint)iy >= (uint)g.Height)
                        {
                            continue;
                        }

                        float* d = dstPlane + ((long)iy * g.Width) + offX;
                        if (g.StrideW == 1)
                        {
                            Add(src + oxLo, d + oxLo, oxHi - oxLo);
                        }
                        else
                        {
                            for (int ox = oxLo; ox < oxHi; ox++)
                            {
                                d[ox * g.StrideW] += src[ox];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void Zero(float* d, int count)
    {
        for (int i = 0; i < count; i++)
        {
            d[i] = 0;
        }
    }

    private static void Copy(float* s, float* d, int count)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= count - 8; i += 8)
            {
                Vector256.Store(Vector256.Load(s + i), d + i);
            }
        }

        for (; i < count; i++)
        {
            d[i] = s[i];
        }
    }

    private static void Add(float* s, float* d, int count)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= count - 8; i += 8)
            {
                Vector256.Store(Vector256.Load(d + i) + Vector256.Load(s + i), d + i);
            }
        }

        for (; i < count; i++)
        {
            d[i] += s[i];
        }
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
