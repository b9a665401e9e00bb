namespace NoteGuard.Learning.Classical.Svm;

/// <summary>
/// Probability outputs for SVMs: Platt's sigmoid fitted by the Newton method with backtracking of
/// Lin, Lin &amp; Weng ("A note on Platt's probabilistic outputs", 2007), and multi-class pairwise coupling
/// (Wu, Lin &amp; Weng 2004, method 2), as LIBSVM implements them.
/// </summary>
internal static class PlattScaling
{
    private const double MinProbability = 1e-7;

    /// <summary>Fits P(y=+1 | f) = 1 / (1 + exp(A f + B)) to decision values and ±1 labels.</summary>
    public static (double A, double B) FitSigmoid(ReadOnlySpan<double> decision, ReadOnlySpan<sbyte> labels)
    {
        const int MaxIterations = 100;
        const double MinStep = 1e-10;
        const double Sigma = 1e-12;
        const double Eps = 1e-5;
        int n = decision.Length;
        double prior1 = 0;
        foreach (sbyte label in labels)
        {
            if (label > 0)
            {
                prior1++;
            }
        }

        double prior0 = n - prior1;
        double hiTarget = (prior1 + 1.0) / (prior1 + 2.0);
        double loTarget = 1 / (prior0 + 2.0);
        var target = new double[n];
        for (int i = 0; i < n; i++)
        {
            target[i] = labels[i] > 0 ? hiTarget : loTarget;
        }

        double a = 0;
        double b = Math.Log((prior0 + 1.0) / (prior1 + 1.0));
        double fval = Objective(decision, target, a, b);
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double h11 = Sigma;
            double h22 = Sigma;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < n; i++)
            {
                double fApB = (decision[i] * a) + b;
                double p;
                double q;
                if (fApB >= 0)
                {
                    double e = Math.Exp(-fApB);
                    p = e / (1.0 + e);
                    q = 1.0 / (1.0 + e);
                }
                else
                {
                    double e = Math.Exp(fApB);
                    p = 1.0 / (1.0 + e);
                    q = e / (1.0 + e);
                }

                double d2 = p * q;
                h11 += decision[i] * decision[i] * d2;
                h22 += d2;
                h21 += decision[i] * d2;
                double d1 = target[i] - p;
                g1 += decision[i] * d1;
                g2 += d1;
            }

            if (Math.Abs(g1) < Eps && Math.Abs(g2) < Eps)
            {
                break;
            }

            double det = (h11 * h22) - (h21 * h21);
            double dA = -((h22 * g1) - (h21 * g2)) / det;
            double dB = -((-h21 * g1) + (h11 * g2)) / det;
            double gd = (g1 * dA) + (g2 * dB);
            double step = 1;
            while (step >= MinStep)
            {
                double newA = a + (step * dA);
                double newB = b + (step * dB);
                double newF = Objective(decision, target, newA, newB);
                if (newF < fval + (0.0001 * step * gd))
                {
                    a = newA;
                    b = newB;
                    fval = newF;
                    break;
                }

                step /= 2.0;
            }

            if (step < MinStep)
            {
                break;
            }
        }

        return (a, b);
    }

    public static double Sigmoid(double decision, double a, double b)
    {
        double fApB = (decision * a) + b;
        return fApB >= 0 ? Math.Exp(-fApB) / (1.0 + Math.Exp(-fApB)) : 1.0 / (1 + Math.Exp(fApB));
    }

    /// <summary>Pairwise probability r[i, j] = P(i | i or j), clipped as LIBSVM does.</summary>
    public static double ClippedSigmoid(double decision, double a, double b) =>
        Math.Clamp(Sigmoid(decision, a, b), MinProbability, 1 - MinProbability);

    /// <summary>Class probabilities p from pairwise estimates r (k × k, r[i,j] + r[j,i] = 1).</summary>
    public static void Couple(int k, double[,] r, Span<double> p)
    {
        int maxIterations = Math.Max(100, k);
        var q = new double[k, k];
        var qp = new double[k];
        double eps = 0.005 / k;
        for (int t = 0; t < k; t++)
        {
            p[t] = 1.0 / k;
            q[t, t] = 0;
            for (int j = 0; j < t; j++)
            {
                q[t, t] += r[j, t] * r[j, t];
                q[t, j] = q[j, t];
            }

            for (int j = t + 1; j < k; j++)
            {
                q[t, t] += r[j, t] * r[j, t];
                q[t, j] = -r[j, t] * r[t, j];
            }
        }

        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            double pqp = 0;
            for (int t = 0; t < k; t++)
            {
                qp[t] = 0;
                for (int j = 0; j < k; j++)
                {
                    qp[t] += q[t, j] * p[j];
                }

                pqp += p[t] * qp[t];
            }

            double maxError = 0;
            for (int t = 0; t < k; t++)
            {
                maxError = Math.Max(maxError, Math.Abs(qp[t] - pqp));
            }

            if (maxError < eps)
            {
                break;
            }

            for (int t = 0; t < k; t++)
            {
                double diff = (-qp[t] + pqp) / q[t, t];
                p[t] += diff;
                pqp = (pqp + (diff * ((diff * q[t, t]) + (2 * qp[t])))) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++)
                {
                    qp[j] = (qp[j] + (diff * q[t, j])) / (1 + diff);
                    p[j] /= 1 + diff;
                }
            }
        }
    }

    private static double Objective(ReadOnlySpan<double> decision, double[] target, double a, double b)
    {
        double f = 0;
        for (int i = 0; i < decision.Length; i++)
        {
            double fApB = (decision[i] * a) + b;
            f += fApB >= 0
                ? (target[i] * fApB) + Math.Log(1 + Math.Exp(-fApB))
                : ((target[i] - 1) * fApB) + Math.Log(1 + Math.Exp(fApB));
        }

        return f;
    }
}
