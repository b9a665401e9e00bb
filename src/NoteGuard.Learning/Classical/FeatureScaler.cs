using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Classical;

/// <summary>How features are rescaled before training and prediction.</summary>
public enum ScalingMethod
{
    /// <summary>Values are used as they are.</summary>
    None,

    /// <summary>(x − mean) / std per feature, the population standard deviation (scikit-learn's StandardScaler); constant features get std 1.</summary>
    Standardize,

    /// <summary>(x − min) / (max − min) per feature into [0, 1] (scikit-learn's MinMaxScaler); constant features get range 1.</summary>
    MinMax,
}

/// <summary>Per-feature affine rescaling x' = (x − offset) / scale, fitted on training data only.</summary>
public sealed class FeatureScaler
{
    private FeatureScaler(ScalingMethod method, double[] offset, double[] scale)
    {
        Method = method;
        Offset = offset;
        Scale = scale;
    }

    /// <summary>The method fitted.</summary>
    public ScalingMethod Method { get; }

    /// <summary>Subtracted per feature (mean or minimum).</summary>
    public IReadOnlyList<double> Offset { get; }

    /// <summary>Divisor per feature (standard deviation or range; 1 for constant features).</summary>
    public IReadOnlyList<double> Scale { get; }

    /// <summary>Fits the scaler on training rows (NaN values are skipped).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static FeatureScaler Fit(FeatureMatrix x, ScalingMethod method)
    {
        Guard.NotNull(x);
        int d = x.Columns;
        var offset = new double[d];
        var scale = new double[d];
        for (int c = 0; c < d; c++)
        {
            double sum = 0;
            double min = double.PositiveInfinity;
            double max = double.NegativeInfinity;
            int n = 0;
            for (int r = 0; r < x.Rows; r++)
            {
                double v = x[r, c];
                if (!double.IsNaN(v))
                {
                    sum += v;
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                    n++;
                }
            }

            switch (method)
            {
                case ScalingMethod.Standardize:
                    double mean = n > 0 ? sum / n : 0;
                    double squares = 0;
                    for (int r = 0; r < x.Rows; r++)
                    {
                        double v = x[r, c];
                        if (!double.IsNaN(v))
                        {
                            squares += (v - mean) * (v - mean);
                        }
                    }

                    double std = n > 0 ? Math.Sqrt(squares / n) : 0;
                    offset[c] = mean;
                    scale[c] = std > 0 ? std : 1;
                    break;
                case ScalingMethod.MinMax:
                    offset[c] = n > 0 ? min : 0;
                    scale[c] = n > 0 && max > min ? max - min : 1;
                    break;
                default:
                    scale[c] = 1;
                    break;
            }
        }

        return new FeatureScaler(method, offset, scale);
    }

    /// <summary>Returns a rescaled copy of <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException">Column count differs from the fitted data.</exception>
    public FeatureMatrix Transform(FeatureMatrix x)
    {
        Guard.NotNull(x);
        Guard.IsTrue(x.Columns == Offset.Count, $"expected {Offset.Count} features, got {x.Columns}", nameof(x));
        var result = x.Clone();
        if (Method == ScalingMethod.None)
        {
            return result;
        }

        for (int r = 0; r < result.Rows; r++)
        {
            var row = result.Row(r);
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = (row[c] - Offset[c]) / Scale[c];
            }
        }

        return result;
    }

    internal void Export(JsonObject header, ModelTensors tensors)
    {
        header["scaling"] = MethodName(Method);
        tensors.Add("scaler_offset", [.. Offset], Offset.Count);
        tensors.Add("scaler_scale", [.. Scale], Scale.Count);
    }

    internal static FeatureScaler Import(JsonObject header, ModelTensors tensors, int features)
    {
        var method = ModelTensors.HeaderString(header, "scaling") switch
        {
            "none" => ScalingMethod.None,
            "standardize" => ScalingMethod.Standardize,
            "minmax" => ScalingMethod.MinMax,
            var other => throw new ClassicalModelFormatException($"unknown scaling '{other}'"),
        };
        double[] scale = tensors.Doubles("scaler_scale", features);
        foreach (double s in scale)
        {
            if (!(s > 0) || !double.IsFinite(s))
            {
                throw new ClassicalModelFormatException("scaler_scale must be finite and positive");
            }
        }

        return new FeatureScaler(method, tensors.Doubles("scaler_offset", features), scale);
    }

    /// <summary>none, standardize or minmax.</summary>
    public static string MethodName(ScalingMethod method) => method switch
    {
        ScalingMethod.Standardize => "standardize",
        ScalingMethod.MinMax => "minmax",
        _ => "none",
    };
}
