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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
