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
internal static class Im2Col
{
    public static void Expand(in ConvGeometry g, ReadOnlySpan<float> image, Span<float> columns)
    {
        int outH = g.OutHeight;
        int outW = g.OutWidth;
        int plane = g.Height * g.Width;
        int row = 0;
        for (int c = 0; c < g.Channels; c++)
        {
            var src = image.Slice(c * plane, plane);
            for (int ky = 0; ky < g.KernelH; ky++)
            {
                for (int kx = 0; kx < g.KernelW; kx++, row++)
                {
                    var dst = columns.Slice(row * outH * outW, outH * outW);
                    int offX = (kx * g.DilationW) - g.PadW;
                    // Output columns whose input x lies inside the image: ox in [oxLo, oxHi).
                    int oxLo = Math.Clamp(CeilDiv(-offX, g.StrideW), 0, outW);
                    int oxHi = Math.Clamp(CeilDiv(g.Width - offX, g.StrideW), oxLo, outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
                        var d = dst.Slice(oy * outW, outW);
                        if ((uint)iy >= (uint)g.Height)
                        {
                            d.Clear();
                            continue;
                        }

                        d[..oxLo].Clear();
                        d[oxHi..].Clear();
                        var s = src.Slice(iy * g.Width);
                        if (g.StrideW == 1)
                        {
                            s.Slice(oxLo + offX, oxHi - oxLo).CopyTo(d[oxLo..oxHi]);
                        }
                        else
                        {
                            for (int ox = oxLo; ox < oxHi; ox++)
                            {
                                d[ox] = s[(ox * g.StrideW) + offX];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Adds the column matrix back into an image-shaped gradient (which the caller cleared).</summary>
    public static void Accumulate(in ConvGeometry g, ReadOnlySpan<float> columns, Span<float> image)
    {
        int outH = g.OutHeight;
        int outW = g.OutWidth;
        int plane = g.Height * g.Width;
        int row = 0;
        for (int c = 0; c < g.Channels; c++)
        {
            var dstPlane = image.Slice(c * plane, plane);
            for (int ky = 0; ky < g.KernelH; ky++)
            {
                for (int kx = 0; kx < g.KernelW; kx++, row++)
                {
                    var src = columns.Slice(row * outH * outW, outH * outW);
                    int offX = (kx * g.DilationW) - g.PadW;
                    int oxLo = Math.Clamp(CeilDiv(-offX, g.StrideW), 0, outW);
                    int oxHi = Math.Clamp(CeilDiv(g.Width - offX, g.StrideW), oxLo, outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
                        if ((uint)iy >= (uint)g.Height)
                        {
                            continue;
                        }

                        var s = src.Slice(oy * outW, outW);
                        var d = dstPlane.Slice(iy * g.Width);
                        if (g.StrideW == 1)
                        {
                            var dd = d.Slice(oxLo + offX, oxHi - oxLo);
                            TensorPrimitives.Add(dd, s[oxLo..oxHi], dd);
                        }
                        else
                        {
                            for (int ox = oxLo; ox < oxHi; ox++)
                            {
                                d[(ox * g.StrideW) + offX] += s[ox];
                            }
                        }
                    }
                }
            }
        }
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
