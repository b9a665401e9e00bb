namespace NoteGuard.Imaging.Processing.Threshold;

/// <summary>Otsu's threshold from a 256-bin histogram, in OpenCV's arithmetic (<c>getThreshVal_Otsu_8u</c>).</summary>
internal static class Otsu
{
    private const double FloatEpsilon = 1.1920928955078125e-7; // FLT_EPSILON, OpenCV's guard against empty classes

    public static int Compute(ReadOnlySpan<long> histogram, long total)
    {
        double scale = 1.0 / total;
        double mu = 0;
        for (int i = 0; i < 256; i++)
        {
            mu += i * (double)histogram[i];
        }

        mu *= scale;
        double mu1 = 0, q1 = 0, maxSigma = 0;
        int maxValue = 0;
        for (int i = 0; i < 256; i++)
        {
            double p = histogram[i] * scale;
            mu1 *= q1;
            q1 += p;
            double q2 = 1.0 - q1;
            if (Math.Min(q1, q2) < FloatEpsilon || Math.Max(q1, q2) > 1.0 - FloatEpsilon)
            {
                continue;
            }

            mu1 = (mu1 + (i * p)) / q1;
            double mu2 = (mu - (q1 * mu1)) / q2;
            double sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2);
            if (sigma > maxSigma)
            {
                maxSigma = sigma;
                maxValue = i;
            }
        }

        return maxValue;
    }
}
