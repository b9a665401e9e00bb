using NoteGuard.Learning.Losses;
using NoteGuard.Learning.Models;
using NoteGuard.Learning.Optimizers;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Training;

/// <summary>Settings of <see cref="NnBenchmark.Run"/>.</summary>
public sealed record NnBenchmarkOptions
{
    /// <summary>Zoo architecture (default compact-cnn).</summary>
    public string Architecture { get; init; } = "compact-cnn";

    /// <summary>Output classes (default 13, seed 004's taka classes).</summary>
    public int Classes { get; init; } = 13;

    /// <summary>Training batch size (default 64); 0 skips training.</summary>
    public int TrainBatch { get; init; } = 64;

    /// <summary>Inference batch size (default 256); 0 skips batch inference.</summary>
    public int InferBatch { get; init; } = 256;

    /// <summary>Approximate seconds spent measuring each figure (default 3).</summary>
    public double Seconds { get; init; } = 3;
}

/// <summary>Measured throughput and latency (the JSON printed by <c>noteguard bench nn</c>).</summary>
/// <param name="Arch">Architecture name.</param>
/// <param name="TrainImagesPerS">Training throughput (forward, backward, SGD step), images per second.</param>
/// <param name="InferImagesPerS">Evaluation-mode batch inference throughput, images per second.</param>
/// <param name="LatencyMsBatch1">Median evaluation-mode forward time of one image, milliseconds.</param>
/// <param name="PeakMemoryMb">Peak working set after the training phase (model, optimizer, training buffers), MiB.</param>
/// <param name="PeakMemoryMbTotal">Peak working set of the whole run including batch inference, MiB.</param>
/// <param name="Threads">Worker shares the kernels split work into.</param>
public sealed record NnBenchmarkResult(
    string Arch, double TrainImagesPerS, double InferImagesPerS, double LatencyMsBatch1, double PeakMemoryMb, double PeakMemoryMbTotal, int Threads);

/// <summary>
/// Times training steps (SGD momentum 0.9, cross-entropy), batch inference and batch-1 latency of a zoo network on
/// seeded synthetic images, after warm-up; median per-iteration times are reported.
/// </summary>
public static class NnBenchmark
{
    /// <summary>Runs the benchmark.</summary>
    /// <exception cref="ArgumentException">Unknown architecture.</exception>
    public static NnBenchmarkResult Run(NnBenchmarkOptions options)
    {
        Guard.NotNull(options);
        var net = ModelZoo.Create(options.Architecture, options.Classes, new ZooOptions { Seed = 1 });
        var random = new SeededRandom(2);
        int[] shape = [.. net.InputShape];
        int imageLength = shape[0] * shape[1] * shape[2];
        double train = 0;
        if (options.TrainBatch > 0)
        {
            var batch = new Tensor(options.TrainBatch, shape[0], shape[1], shape[2]);
            random.FillNormal(batch.Span, 0, 1);
            int[] targets = Enumerable.Range(0, options.TrainBatch).Select(i => i % options.Classes).ToArray();
            var optimizer = new Sgd(net.Parameters(), new Sgd.Options { LearningRate = 0.001, Momentum = 0.9 });
            var loss = new CrossEntropyLoss();
            net.Train();
            double seconds = Median(options.Seconds, () =>
            {
                optimizer.ZeroGrad();
                loss.Forward(net.Forward(batch), targets);
                net.Backward(loss.Backward());
                optimizer.Step();
            });
            train = options.TrainBatch / seconds;
        }

        double trainPeak = PeakMegabytes();
        net.Eval();
        double infer = 0;
        if (options.InferBatch > 0)
        {
            var batch = new Tensor(options.InferBatch, shape[0], shape[1], shape[2]);
            random.FillNormal(batch.Span, 0, 1);
            infer = options.InferBatch / Median(options.Seconds, () => net.Forward(batch));
        }

        var single = new Tensor(1, shape[0], shape[1], shape[2]);
        random.FillNormal(single.Span.Slice(0, imageLength), 0, 1);
        double latency = Median(options.Seconds, () => net.Forward(single)) * 1000;
        return new NnBenchmarkResult(options.Architecture, train, infer, latency, trainPeak, PeakMegabytes(), Kernels.ParallelWork.WorkerCount);
    }

    private static double PeakMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    private static double Median(double budgetSeconds, Action step)
    {
        step();
        step();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || (total.Elapsed.TotalSeconds < budgetSeconds && times.Count < 10_000))
        {
            long start = Stopwatch.GetTimestamp();
            step();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
