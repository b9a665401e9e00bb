using BenchmarkDotNet.Running;

namespace NoteGuard.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/NoteGuard.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // A plain stopwatch mode for quick ratios beside a peer: jpeg-throughput [names|files].
        if (args is ["jpeg-throughput", .. var files])
        {
            Environment.Exit(Jpeg.JpegThroughput.Run(files));
        }

        if (args is ["loader-throughput", var dataRoot])
        {
            Environment.Exit(Datasets.LoaderThroughput.Run(dataRoot));
        }

        if (args is ["check-latency", .. var rest])
        {
            Environment.Exit(Inspections.CheckLatency.Run(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 200));
        }

        // SVM fit on UCI banknote against scikit-learn, steady state and cold: svm-uci [--fits N] [--rounds R] [--cold K].
        if (args is ["svm-uci", .. var svmArgs])
        {
            Environment.Exit(Classical.SvmUciTiming.Run(svmArgs));
        }

        if (args is ["svm-uci-cold", .. var coldArgs])
        {
            Environment.Exit(Classical.SvmUciTiming.RunCold(coldArgs is ["--list-jit"]));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
