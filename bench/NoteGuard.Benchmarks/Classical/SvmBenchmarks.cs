using BenchmarkDotNet.Attributes;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Classical.Svm;

namespace NoteGuard.Benchmarks.Classical;

/// <summary>
/// C-SVC (RBF, C = 1, gamma = scale) fit and predict on the UCI banknote data (standardised, 1,372 × 4) and the
/// synthetic 20,000 × 32 set. The scikit-learn (libsvm) peer is bench/peers/sklearn_svm_bench.py on the same
/// data; docs/benchmarks/classical.md has the ratios. Predict covers every UCI row and the first 2,000
/// synthetic rows. One synthetic fit takes seconds, so run it with the monitoring strategy:
/// <c>dotnet run -c Release --project bench/NoteGuard.Benchmarks -- --filter '*SvmBenchmarks*' --strategy Monitoring
/// --launchCount 1 --warmupCount 1 --iterationCount 3 --buildTimeout 900</c> (no job attribute here, so the CI smoke
/// test's Dry job stays a single call). For the small UCI fit prefer the <c>svm-uci</c> stopwatch mode
/// (<see cref="SvmUciTiming"/>): steady state and cold first fit against scikit-learn in the same run.
/// </summary>
public class SvmBenchmarks
{
    private FeatureMatrix _x = new(0, 0);
    private int[] _y = [];
    private FeatureMatrix _predictRows = new(0, 0);
    private SvmClassifier? _model;

    /// <summary>uci or synthetic.</summary>
    [Params("uci", "synthetic")]
    public string Data { get; set; } = "uci";

    [GlobalSetup(Target = nameof(Fit))]
    public void SetupFit() => LoadData();

    [GlobalSetup(Target = nameof(Predict))]
    public void SetupPredict()
    {
        LoadData();
        _model = SvmClassifier.Fit(_x, _y, 2, new SvmOptions());
    }

    private void LoadData()
    {
        if (Data == "uci")
        {
            if (!UciBanknoteData.TryLoad(out _x, out _y))
            {
                // Shared data absent (e.g. a bare CI clone): a synthetic stand-in of the same shape keeps the benchmark running.
                (_x, _y) = SyntheticData.Create(1372, 4);
            }

            _predictRows = _x;
        }
        else
        {
            (_x, _y) = SyntheticData.Create();
            _predictRows = _x.SelectRows([.. Enumerable.Range(0, 2000)]);
        }
    }

    [Benchmark(Description = "fit")]
    public int Fit() => SvmClassifier.Fit(_x, _y, 2, new SvmOptions()).SupportVectorCount;

    [Benchmark(Description = "predict")]
    public int Predict() => _model!.Predict(_predictRows)[0];
}
