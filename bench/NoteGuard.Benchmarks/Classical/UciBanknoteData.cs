using NoteGuard.Inspection.Tabular;
using NoteGuard.Learning.Classical;

namespace NoteGuard.Benchmarks.Classical;

/// <summary>
/// The UCI banknote authentication set (1,372 × 4) standardised as scikit-learn's StandardScaler does, the input of
/// the SVM benchmarks; bench/peers/sklearn_svm_bench.py loads and scales the same file.
/// </summary>
public static class UciBanknoteData
{
    /// <summary>The CSV under NOTEGUARD_DATA or ../shared/datasets next to the repository.</summary>
    public static string CsvPath
    {
        get
        {
            string root = Environment.GetEnvironmentVariable("NOTEGUARD_DATA") is { Length: > 0 } env
                ? env
                : Path.Combine(RepositoryRoot(), "..", "shared", "datasets");
            return Path.GetFullPath(Path.Combine(root, "uci-banknote", "banknote_authentication.csv"));
        }
    }

    /// <summary>Standardised features and labels, or false when the shared data is absent.</summary>
    public static bool TryLoad(out FeatureMatrix x, out int[] y)
    {
        string path = CsvPath;
        if (!File.Exists(path))
        {
            x = new FeatureMatrix(0, 0);
            y = [];
            return false;
        }

        var data = TabularDataset.Load(path, new TabularReadOptions { LabelColumn = "class" });
        x = FeatureScaler.Fit(data.Features, ScalingMethod.Standardize).Transform(data.Features);
        y = [.. data.Targets];
        return true;
    }

    /// <summary>The directory holding NoteGuard.slnx above the running assembly (or the current directory).</summary>
    public static string RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NoteGuard.slnx")))
            {
                dir = dir.Parent;
            }

            if (dir is not null)
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
