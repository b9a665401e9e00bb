using System.Runtime.CompilerServices;
using NoteGuard.Imaging.Common;

namespace NoteGuard.Imaging.Processing.Color;

/// <summary>
/// Per-pixel colour conversions. The 8-bit paths reproduce OpenCV 4.x <c>cvtColor</c> arithmetic
/// (fixed point for gray, HSV and RGB→Lab; single-precision float for HSV→RGB; Lab→RGB in double precision,
/// within 1 of OpenCV's fixed-point version for in-gamut colours).
/// </summary>
internal static class ColorConverters
{
    private const int HsvShift = 12;
    private const int LabShift = 12;
    private const int GammaShift = 3;
    private const int LabShift2 = LabShift + GammaShift;
    private const int LabCbrtTableSize = 256 * 3 / 2 * (1 << GammaShift);
    private const int LabBase = 1 << 14;
    private const int LabInverseShift = LabShift + 14 - 12; // lab_shift + (base_shift − inv_gamma_shift)
    private const float FloatEpsilon = 1.1920929e-7f; // C's FLT_EPSILON, as in OpenCV's RGB2HSV_f

    // sRGB -> XYZ (D65) and back, and the D65 white point, as used by OpenCV.
    private static readonly double[] s_rgbToXyz = [0.412453, 0.357580, 0.180423, 0.212671, 0.715160, 0.072169, 0.019334, 0.119193, 0.950227];
    private static readonly double[] s_xyzToRgb = [3.240479, -1.53715, -0.498535, -0.969256, 1.875991, 0.041556, 0.055648, -0.204043, 1.057311];
    private static readonly double[] s_whitePoint = [0.950456, 1.0, 1.088754];

    private static readonly int[] s_hsvSaturationDivisor = BuildDivisorTable(255.0);
    private static readonly int[] s_hsvHueDivisor = BuildDivisorTable(180.0 / 6.0);
    private static readonly ushort[] s_srgbGamma = BuildGammaTable();
    private static readonly ushort[] s_labCbrt = BuildCbrtTable();
    private static readonly int[] s_labCoefficients = BuildLabCoefficients();
    private static readonly int[] s_labToYf = BuildLabToYfTable();
    private static readonly int[] s_xyzCoefficients = BuildXyzCoefficients();
    private static readonly ushort[] s_srgbInverseGamma = BuildInverseGammaTable();

    // ------------------------------------------------------------------ gray

    public static Image ToGray(Image image, GrayscaleOptions options)
    {
        var (wr, wg, wb) = options.FixedPointWeights();
        if (image.Format == PixelFormat.Gray8)
        {
            return image.Clone();
        }

        var result = Image.CreateUninitialized(image.Width, image.Height, PixelFormat.Gray8);
        ParallelRows.For(image.Height, image.Width, new GrayRows(image, result, wr, wg, wb));
        return result;
    }

    private readonly struct GrayRows(Image source, Image destination, int wr, int wg, int wb) : IRowOperation
    {
        public void Invoke(int y)
        {
            var src = source.GetRowReadOnly(y);
            var dst = destination.GetRow(y);
            int channels = source.Channels;
            const int Half = 1 << (GrayscaleOptions.Shift - 1);
            for (int x = 0, i = 0; x < dst.Length; x++, i += channels)
            {
                int value = ((src[i] * wr) + (src[i + 1] * wg) + (src[i + 2] * wb) + Half) >> GrayscaleOptions.Shift;
                dst[x] = value > 255 ? (byte)255 : (byte)value;
            }
        }
    }

    // ------------------------------------------------------------------ HSV, 8-bit

    public static Image RgbToHsv8(Image image)
    {
        var result = Image.CreateUninitialized(image.Width, image.Height, PixelFormat.Rgb24);
        ParallelRows.For(image.Height, image.Width, new HsvRows(image, result));
        return result;
    }

    private readonly struct HsvRows(Image source, Image destination) : IRowOperation
    {
        public void Invoke(int y)
        {
            var src = source.GetRowReadOnly(y);
            var dst = destination.GetRow(y);
            int channels = source.Channels;
            var sdiv = s_hsvSaturationDivisor;
            var hdiv = s_hsvHueDivisor;
            const int Half = 1 << (HsvShift - 1);
            for (int i = 0, o = 0; o < dst.Length; i += channels, o += 3)
            {
                int r = src[i], g = src[i + 1], b = src[i + 2];
                int v = Math.Max(r, Math.Max(g, b));
                int vmin = Math.Min(r, Math.Min(g, b));
                int diff = v - vmin;
                int s = ((diff * sdiv[v]) + Half) >> HsvShift;

                // OpenCV's branch-free hue: which channel is the maximum picks the 60° sector pair.
                int h = v == r ? g - b : v == g ? b - r + (2 * diff) : r - g + (4 * diff);
                h = ((h * hdiv[diff]) + Half) >> HsvShift;
                if (h < 0)
                {
                    h += 180;
                }

                dst[o] = (byte)Math.Clamp(h, 0, 255);
                dst[o + 1] = (byte)s;
                dst[o + 2] = (byte)v;
            }
        }
    }

    public static Image HsvToRgb8(Image hsv)
    {
        var result = Image.CreateUninitialized(hsv.Width, hsv.Height, PixelFormat.Rgb24);
        ParallelRows.For(hsv.Height, hsv.Width, new HsvToRgbRows(hsv, result));
        return result;
    }

    private readonly struct HsvToRgbRows(Image source, Image destination) : IRowOperation
    {
        public void Invoke(int y)
        {
            var src = source.GetRowReadOnly(y);
            var dst = destination.GetRow(y);
            for (int i = 0; i < dst.Length; i += 3)
            {
                HsvToRgbFloat(src[i], src[i + 1] * (1f / 255f), src[i + 2] * (1f / 255f), 6f / 180f, out float r, out float g, out float b);
                dst[i] = Truncate(r * 255f);
                dst[i + 1] = Truncate(g * 255f);
                dst[i + 2] = Truncate(b * 255f);
            }
        }

        // OpenCV's vectorised HSV2RGB_b (the path every row but its tail takes) truncates toward zero.
        private static byte Truncate(float value) => value >= 255f ? (byte)255 : value > 0f ? (byte)value : (byte)0;
    }

    /// <summary>OpenCV's HSV2RGB_native in single precision; <paramref name="hueScale"/> maps hue units to sectors (6/180 or 1/60).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HsvToRgbFloat(float h, float s, float v, float hueScale, out float r, out float g, out float b)
    {
        if (s == 0f)
        {
            r = g = b = v;
            return;
        }

        h *= hueScale;
        if (h < 0f)
        {
            do
            {
                h += 6f;
            }
            while (h < 0f);
        }
        else if (h >= 6f)
        {
            do
            {
                h -= 6f;
            }
            while (h >= 6f);
        }

        int sector = (int)MathF.Floor(h);
        h -= sector;
        if ((uint)sector >= 6u)
        {
            sector = 0;
            h = 0f;
        }

        float t0 = v;
        float t1 = v * (1f - s);
        float t2 = v * (1f - (s * h));
        float t3 = v * (1f - (s * (1f - h)));
        (r, g, b) = sector switch
        {
            0 => (t0, t3, t1),
            1 => (t2, t0, t1),
            2 => (t1, t0, t3),
            3 => (t1, t2, t0),
            4 => (t3, t1, t0),
            _ => (t0, t1, t2),
        };
    }

    // ------------------------------------------------------------------ Lab, 8-bit

    public static Image RgbToLab8(Image image)
    {
        var result = Image.CreateUninitialized(image.Width, image.Height, PixelFormat.Rgb24);
        ParallelRows.For(image.Height, image.Width, new LabRows(image, result));
        return result;
    }

    private readonly struct LabRows(Image source, Image destination) : IRowOperation
    {
        public void Invoke(int y)
        {
            var src = source.GetRowReadOnly(y);
            var dst = destination.GetRow(y);
            int channels = source.Channels;
            var gamma = s_srgbGamma;
            var cbrt = s_labCbrt;
            var c = s_labCoefficients;
            const int LScale = ((116 * 255) + 50) / 100;
            const int LOffset = -(((16 * 255 * (1 << LabShift2)) + 50) / 100);
            const int AbOffset = 128 * (1 << LabShift2);
            for (int i = 0, o = 0; o < dst.Length; i += channels, o += 3)
            {
                int r = gamma[src[i]], g = gamma[src[i + 1]], b = gamma[src[i + 2]];
                int fx = cbrt[Descale((r * c[0]) + (g * c[1]) + (b * c[2]), LabShift)];
                int fy = cbrt[Descale((r * c[3]) + (g * c[4]) + (b * c[5]), LabShift)];
                int fz = cbrt[Descale((r * c[6]) + (g * c[7]) + (b * c[8]), LabShift)];
                dst[o] = SaturateInt(Descale((LScale * fy) + LOffset, LabShift2));
                dst[o + 1] = SaturateInt(Descale((500 * (fx - fy)) + AbOffset, LabShift2));
                dst[o + 2] = SaturateInt(Descale((200 * (fy - fz)) + AbOffset, LabShift2));
            }
        }
    }

    public static Image LabToRgb8(Image lab)
    {
        var result = Image.CreateUninitialized(lab.Width, lab.Height, PixelFormat.Rgb24);
        ParallelRows.For(lab.Height, lab.Width, new LabToRgbRows(lab, result));
        return result;
    }

    private readonly struct LabToRgbRows(Image source, Image destination) : IRowOperation
    {
        public void Invoke(int y)
        {
            var src = source.GetRowReadOnly(y);
            var dst = destination.GetRow(y);
            var yf = s_labToYf;
            var c = s_xyzCoefficients;
            var inverseGamma = s_srgbInverseGamma;
            const int Base = LabBase;
            for (int i = 0; i < dst.Length; i += 3)
            {
                int l = src[i], a = src[i + 1], b = src[i + 2];
                int yy = yf[l * 2];
                int ify = yf[(l * 2) + 1];

                // a/500 and b/200 in 2^14 units by OpenCV's multiply-shift approximations.
                int adiv = (((5 * a * 53687) + (1 << 7)) >> 13) - (128 * Base / 500);
                int bdiv = (((b * 41943) + (1 << 4)) >> 9) - (128 * Base / 200) + 1;
                int x = InverseF(ify + adiv);
                int z = InverseF(ify - bdiv);
                dst[i] = (byte)inverseGamma[Math.Clamp(Descale((c[0] * x) + (c[1] * yy) + (c[2] * z), LabInverseShift), 0, 4095)];
                dst[i + 1] = (byte)inverseGamma[Math.Clamp(Descale((c[3] * x) + (c[4] * yy) + (c[5] * z), LabInverseShift), 0, 4095)];
                dst[i + 2] = (byte)inverseGamma[Math.Clamp(Descale((c[6] * x) + (c[7] * yy) + (c[8] * z), LabInverseShift), 0, 4095)];
            }
        }

        /// <summary>OpenCV's abToXZ_b: f⁻¹ in 2^14 fixed point (linear below 6/29, cube above; C division truncates).</summary>
        private static int InverseF(int f) => f <= 3390
            ? (f * 108 / 841) - (LabBase * 16 / 116 * 108 / 841)
            : (int)((long)f * f / LabBase * f / LabBase);
    }

    /// <summary>CIE Lab (D65) to sRGB-encoded 0..1 (clipped), with OpenCV's linear segment constants.</summary>
    private static void LabToRgbDouble(double l, double a, double b, out double red, out double green, out double blue)
    {
        const double LThreshold = 0.008856 * 903.3;
        double y, fy;
        if (l <= LThreshold)
        {
            y = l / 903.3;
            fy = (7.787 * y) + (16.0 / 116.0);
        }
        else
        {
            fy = (l + 16.0) / 116.0;
            y = fy * fy * fy;
        }

        double x = InverseF(fy + (a / 500.0)) * s_whitePoint[0];
        double z = InverseF(fy - (b / 200.0)) * s_whitePoint[2];
        var m = s_xyzToRgb;
        red = Encode((m[0] * x) + (m[1] * y) + (m[2] * z));
        green = Encode((m[3] * x) + (m[4] * y) + (m[5] * z));
        blue = Encode((m[6] * x) + (m[7] * y) + (m[8] * z));

        static double InverseF(double f) => f <= 6.0 / 29.0 ? (f - (16.0 / 116.0)) / 7.787 : f * f * f;

        static double Encode(double linear)
        {
            linear = Math.Clamp(linear, 0.0, 1.0);
            return linear <= 0.0031308 ? 12.92 * linear : (1.055 * Math.Pow(linear, 1.0 / 2.4)) - 0.055;
        }
    }

    // ------------------------------------------------------------------ float planes

    public static ColorPlanes ToPlanes(Image image, ColorSpace space)
    {
        var p0 = ImagePlane.CreateUninitialized(image.Width, image.Height);
        var p1 = ImagePlane.CreateUninitialized(image.Width, image.Height);
        var p2 = ImagePlane.CreateUninitialized(image.Width, image.Height);
        var planes = new ColorPlanes(space, p0, p1, p2);
        ParallelRows.For(image.Height, image.Width, new ToPlaneRows(image, planes));
        return planes;
    }

    private readonly struct ToPlaneRows(Image source, ColorPlanes planes) : IRowOperation
    {
        public void Invoke(int y)
        {
            var src = source.GetRowReadOnly(y);
            var d0 = planes[0].GetRow(y);
            var d1 = planes[1].GetRow(y);
            var d2 = planes[2].GetRow(y);
            int channels = source.Channels;
            for (int x = 0, i = 0; x < d0.Length; x++, i += channels)
            {
                float r = src[i] * (1f / 255f);
                float g = channels == 1 ? r : src[i + 1] * (1f / 255f);
                float b = channels == 1 ? r : src[i + 2] * (1f / 255f);
                switch (planes.Space)
                {
                    case ColorSpace.Hsv:
                        RgbToHsvFloat(r, g, b, out d0[x], out d1[x], out d2[x]);
                        break;
                    case ColorSpace.Lab:
                        RgbToLabDouble(r, g, b, out d0[x], out d1[x], out d2[x]);
                        break;
                    default:
                        (d0[x], d1[x], d2[x]) = (r, g, b);
                        break;
                }
            }
        }
    }

    /// <summary>OpenCV's RGB2HSV_f: hue in degrees 0..360, saturation and value 0..1.</summary>
    private static void RgbToHsvFloat(float r, float g, float b, out float h, out float s, out float v)
    {
        v = MathF.Max(r, MathF.Max(g, b));
        float vmin = MathF.Min(r, MathF.Min(g, b));
        float diff = v - vmin;
        s = diff / (MathF.Abs(v) + FloatEpsilon);
        diff = 60f / (diff + FloatEpsilon);
        if (v == r)
        {
            h = (g - b) * diff;
        }
        else if (v == g)
        {
            h = ((b - r) * diff) + 120f;
        }
        else
        {
            h = ((r - g) * diff) + 240f;
        }

        if (h < 0f)
        {
            h += 360f;
        }
    }

    /// <summary>sRGB (0..1) to CIE Lab D65 in double precision: L 0..100.</summary>
    private static void RgbToLabDouble(float r, float g, float b, out float l, out float a, out float bb)
    {
        double lr = Decode(r), lg = Decode(g), lb = Decode(b);
        var m = s_rgbToXyz;
        double x = ((m[0] * lr) + (m[1] * lg) + (m[2] * lb)) / s_whitePoint[0];
        double y = (m[3] * lr) + (m[4] * lg) + (m[5] * lb);
        double z = ((m[6] * lr) + (m[7] * lg) + (m[8] * lb)) / s_whitePoint[2];
        double fx = F(x), fy = F(y), fz = F(z);
        l = (float)(y > 0.008856 ? (116.0 * fy) - 16.0 : 903.3 * y);
        a = (float)(500.0 * (fx - fy));
        bb = (float)(200.0 * (fy - fz));

        static double Decode(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : (7.787 * t) + (16.0 / 116.0);
    }

    public static Image PlanesToRgb(ColorPlanes planes)
    {
        var result = Image.CreateUninitialized(planes.Width, planes.Height, PixelFormat.Rgb24);
        ParallelRows.For(planes.Height, planes.Width, new FromPlaneRows(planes, result));
        return result;
    }

    private readonly struct FromPlaneRows(ColorPlanes planes, Image destination) : IRowOperation
    {
        public void Invoke(int y)
        {
            var s0 = planes[0].GetRow(y);
            var s1 = planes[1].GetRow(y);
            var s2 = planes[2].GetRow(y);
            var dst = destination.GetRow(y);
            for (int x = 0, o = 0; x < s0.Length; x++, o += 3)
            {
                switch (planes.Space)
                {
                    case ColorSpace.Hsv:
                        HsvToRgbFloat(s0[x], s1[x], s2[x], 1f / 60f, out float r, out float g, out float b);
                        dst[o] = ImagePlane.SaturateToByte(r * 255f);
                        dst[o + 1] = ImagePlane.SaturateToByte(g * 255f);
                        dst[o + 2] = ImagePlane.SaturateToByte(b * 255f);
                        break;
                    case ColorSpace.Lab:
                        LabToRgbDouble(s0[x], s1[x], s2[x], out double rd, out double gd, out double bd);
                        dst[o] = SaturateDouble(rd * 255.0);
                        dst[o + 1] = SaturateDouble(gd * 255.0);
                        dst[o + 2] = SaturateDouble(bd * 255.0);
                        break;
                    default:
                        dst[o] = ImagePlane.SaturateToByte(s0[x] * 255f);
                        dst[o + 1] = ImagePlane.SaturateToByte(s1[x] * 255f);
                        dst[o + 2] = ImagePlane.SaturateToByte(s2[x] * 255f);
                        break;
                }
            }
        }
    }

    // ------------------------------------------------------------------ tables and helpers

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Descale(int value, int shift) => (value + (1 << (shift - 1))) >> shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte SaturateInt(int value) => (byte)Math.Clamp(value, 0, 255);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte SaturateDouble(double value)
    {
        double r = Math.Round(value);
        return r >= 255.0 ? (byte)255 : r > 0.0 ? (byte)r : (byte)0;
    }

    /// <summary>OpenCV's sdiv/hdiv tables: round((<paramref name="numerator"/> · 2^12) / i), 0 for i = 0.</summary>
    private static int[] BuildDivisorTable(double numerator)
    {
        var table = new int[256];
        for (int i = 1; i < 256; i++)
        {
            table[i] = (int)Math.Round(numerator * (1 << HsvShift) / i);
        }

        return table;
    }

    /// <summary>
    /// sRGB decoding table: round(255 · 8 · gamma(i / 255)) with the single-precision constants OpenCV uses
    /// (0.04045, 12.92, 0.055, 2.4 as float quotients) and a float product, as in its initLabTabs.
    /// </summary>
    private static ushort[] BuildGammaTable()
    {
        double threshold = 809f / 20000f, lowScale = 323f / 25f, power = 12f / 5f, shift = 11f / 200f;
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            double x = i / 255f;
            double gamma = x <= threshold ? x / lowScale : Math.Pow((x + shift) / (1.0 + shift), power);
            table[i] = (ushort)MathF.Round(255f * (1 << GammaShift) * (float)gamma);
        }

        return table;
    }

    /// <summary>
    /// Lab's f(t) = cbrt(t) (or 7.787 t + 16/116 below 216/24389) scaled by 2^15, for t = i / 2040.
    /// Verified against every one of the 2^24 colours of OpenCV 4.6's COLOR_RGB2Lab: computing f in double
    /// matches OpenCV's soft-float tables everywhere except entry 49, where the exact value 9454.50044 lies
    /// a hair above the tie and OpenCV's cube root lands below it.
    /// </summary>
    private static ushort[] BuildCbrtTable()
    {
        double threshold = 216f / 24389f, scale = 841f / 108f, bias = 16f / 116f;
        var table = new ushort[LabCbrtTableSize];
        float step = 1f / (255f * (1 << GammaShift));
        for (int i = 0; i < table.Length; i++)
        {
            double x = step * i;
            double f = x < threshold ? (x * scale) + bias : Math.Cbrt(x);
            table[i] = (ushort)Math.Round(f * (1 << LabShift2));
        }

        table[49] = 9454;
        return table;
    }

    /// <summary>
    /// OpenCV's LabToYF_b: for each 8-bit L, Y and f(Y) in 2^14 fixed point (the linear segment up to L = 20,
    /// i.e. L* ≤ 8, uses 903.3 = (29/3)³ and 7.787 = (29/3)³ / 116 written as exact fractions).
    /// </summary>
    private static int[] BuildLabToYfTable()
    {
        var table = new int[512];
        const double Base = LabBase;
        for (int i = 0; i < 256; i++)
        {
            int y, ify;
            if (i <= 20)
            {
                y = (int)Math.Round(i * Base * 20 * 9 / (17.0 * 29 * 29 * 29));
                ify = (int)Math.Round(Base * ((16.0 / 116.0) + (i * 5 / (3.0 * 17 * 29))));
            }
            else
            {
                double fy = (i * 100 * Base / (255.0 * 116)) + (16 * Base / 116);
                ify = (int)Math.Round(fy);
                y = (int)Math.Round(fy * fy * fy / (Base * Base));
            }

            table[i * 2] = y;
            table[(i * 2) + 1] = ify;
        }

        return table;
    }

    /// <summary>XYZ→sRGB matrix times the white point per XYZ column, ×2^12, rounded (OpenCV's Lab2RGBinteger).</summary>
    private static int[] BuildXyzCoefficients()
    {
        var coefficients = new int[9];
        for (int row = 0; row < 3; row++)
        {
            for (int column = 0; column < 3; column++)
            {
                coefficients[(row * 3) + column] = (int)Math.Round((1 << LabShift) * s_xyzToRgb[(row * 3) + column] * s_whitePoint[column]);
            }
        }

        return coefficients;
    }

    /// <summary>sRGB encoding table: round(255 · gamma⁻¹(i / 4096)) in single precision, i in 0..4095.</summary>
    private static ushort[] BuildInverseGammaTable()
    {
        var table = new ushort[4096];
        for (int i = 0; i < table.Length; i++)
        {
            double x = i * (1f / 4096f);
            double encoded = x <= 0.0031308 ? x * 12.92 : (1.055 * Math.Pow(x, 1.0 / 2.4)) - 0.055;
            table[i] = (ushort)MathF.Round(255f * (float)encoded);
        }

        return table;
    }

    /// <summary>RGB→XYZ coefficients divided by the white point, ×2^12, rounded (OpenCV's RGB2Lab_b).</summary>
    private static int[] BuildLabCoefficients()
    {
        var coefficients = new int[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                coefficients[(i * 3) + j] = (int)Math.Round((1 << LabShift) * s_rgbToXyz[(i * 3) + j] / s_whitePoint[i]);
            }
        }

        return coefficients;
    }
}
