using System.Globalization;
using NoteGuard.Learning.Metrics;

namespace NoteGuard.Cli;

/// <summary>Prints the shared classification metrics as text (tabular and image evaluation alike).</summary>
internal static class MetricsOutput
{
    public static void Print(ClassificationReport report, string model, IReadOnlyList<double>? folds = null)
    {
        var inv = CultureInfo.InvariantCulture;
        static string Interval(double[]? ci) => ci is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"  (95% CI {ci[0]:F4}-{ci[1]:F4})");
        Console.WriteLine($"model:    {model}");
        Console.WriteLine($"split:    {report.Split}; {report.Samples} evaluated");
        Console.WriteLine(string.Create(inv, $"accuracy: {report.Accuracy:F4}{Interval(report.Ci95.Accuracy)}"));
        Console.WriteLine(string.Create(inv, $"macro F1: {report.MacroF1:F4}{Interval(report.Ci95.MacroF1)}   weighted F1: {report.WeightedF1:F4}"));
        Console.WriteLine(report.Auc is double auc ? string.Create(inv, $"ROC-AUC:  {auc:F4}{Interval(report.Ci95.Auc)}") : "ROC-AUC:  n/a");
        Console.WriteLine(string.Create(inv, $"MCC:      {report.Mcc:F4}"));
        if (folds is { Count: > 1 })
        {
            double mean = folds.Average();
            double sd = Math.Sqrt(folds.Sum(a => (a - mean) * (a - mean)) / (folds.Count - 1));
            Console.WriteLine(string.Create(inv, $"folds:    accuracy mean {mean:F4} sd {sd:F4} over {folds.Count} folds"));
        }

        int width = Math.Max(8, report.Labels.Max(l => l.Length) + 1);
        Console.WriteLine();
        Console.WriteLine($"{"class".PadRight(width)} precision recall    f1        support");
        foreach (var c in report.PerClass)
        {
            Console.WriteLine(string.Create(inv, $"{c.Label.PadRight(width)} {c.Precision,-9:F4} {c.Recall,-9:F4} {c.F1,-9:F4} {c.Support}"));
        }

        Console.WriteLine();
        Console.WriteLine("confusion (rows = true, columns = predicted):");
        Console.WriteLine(new string(' ', width) + string.Concat(report.Labels.Select(l => l.PadLeft(width))));
        for (int t = 0; t < report.Labels.Count; t++)
        {
            Console.WriteLine(report.Labels[t].PadRight(width) + string.Concat(report.Confusion[t].Select(v => v.ToString(inv).PadLeft(width))));
        }
    }
}
