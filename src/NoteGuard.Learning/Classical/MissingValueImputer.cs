using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Classical;

/// <summary>What to do with missing (NaN) feature values.</summary>
public enum ImputationMethod
{
    /// <summary>Missing values are an error.</summary>
    None,

    /// <summary>Replace by the training mean of the feature.</summary>
    Mean,

    /// <summary>Replace by the training median of the feature.</summary>
    Median,

    /// <summary>Drop rows with a missing value (training and evaluation only; prediction still rejects them).</summary>
    Drop,
}

/// <summary>Replaces NaN features by per-feature statistics fitted on training rows.</summary>
public sealed class MissingValueImputer
{
    private MissingValueImputer(ImputationMethod method, double[] fill)
    {
        Method = method;
        Fill = fill;
    }

    /// <summary>The method fitted.</summary>
    public ImputationMethod Method { get; }

    /// <summary>The value substituted per feature (NaN for <see cref="ImputationMethod.None"/>/<see cref="ImputationMethod.Drop"/>).</summary>
    public IReadOnlyList<double> Fill { get; }

    /// <summary>Fits on training rows; a feature with no observed value gets 0.</summary>
    public static MissingValueImputer Fit(FeatureMatrix x, ImputationMethod method)
    {
        Guard.NotNull(x);
        var fill = new double[x.Columns];
        var column = new List<double>(x.Rows);
        for (int c = 0; c < x.Columns; c++)
        {
            column.Clear();
            for (int r = 0; r < x.Rows; r++)
            {
                if (!double.IsNaN(x[r, c]))
                {
                    column.Add(x[r, c]);
                }
            }

            fill[c] = method switch
            {
                ImputationMethod.Mean => column.Count > 0 ? column.Average() : 0,
                ImputationMethod.Median => column.Count > 0 ? Median(column) : 0,
                _ => double.NaN,
            };
        }

        return new MissingValueImputer(method, fill);
    }

    /// <summary>Returns a copy with NaN replaced (unchanged for None/Drop).</summary>
    public FeatureMatrix Transform(FeatureMatrix x)
    {
        Guard.NotNull(x);
        var result = x.Clone();
        if (Method is ImputationMethod.Mean or ImputationMethod.Median)
        {
            for (int r = 0; r < result.Rows; r++)
            {
                var row = result.Row(r);
                for (int c = 0; c < row.Length; c++)
                {
                    if (double.IsNaN(row[c]))
                    {
                        row[c] = Fill[c];
                    }
                }
            }
        }

        return result;
    }

    internal void Export(JsonObject header, ModelTensors tensors)
    {
        header["imputation"] = MethodName(Method);
        if (Method is ImputationMethod.Mean or ImputationMethod.Median)
        {
            tensors.Add("imputer_fill", [.. Fill], Fill.Count);
        }
    }

    internal static MissingValueImputer Import(JsonObject header, ModelTensors tensors, int features)
    {
        var method = ParseStored(ModelTensors.HeaderString(header, "imputation"));
        double[] fill = method is ImputationMethod.Mean or ImputationMethod.Median
            ? tensors.Doubles("imputer_fill", features)
            : Enumerable.Repeat(double.NaN, features).ToArray();
        return new MissingValueImputer(method, fill);
    }

    /// <summary>none, mean, median or drop.</summary>
    public static string MethodName(ImputationMethod method) => method switch
    {
        ImputationMethod.Mean => "mean",
        ImputationMethod.Median => "median",
        ImputationMethod.Drop => "drop",
        _ => "none",
    };

    private static ImputationMethod ParseStored(string name) => name switch
    {
        "none" => ImputationMethod.None,
        "mean" => ImputationMethod.Mean,
        "median" => ImputationMethod.Median,
        "drop" => ImputationMethod.Drop,
        _ => throw new ClassicalModelFormatException($"unknown imputation '{name}'"),
    };

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return (n & 1) == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
