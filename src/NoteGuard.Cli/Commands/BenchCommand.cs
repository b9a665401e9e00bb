using System.CommandLine;
using System.Globalization;
using NoteGuard.Learning.Training;

namespace NoteGuard.Cli.Commands;

/// <summary><c>noteguard bench nn</c>: performance figures of the neural-network engine.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure performance figures (compare with the peers in bench/peers).");
        bench.Subcommands.Add(CreateNn());
        return bench;
    }

    private static Command CreateNn()
    {
        var arch = new Option<string>("--arch") { Description = "Zoo architecture: compact-cnn, deep-gray-cnn, resnet18, mobilenet-v2, small-alexnet.", DefaultValueFactory = _ => "compact-cnn" };
        var classes = new Option<int>("--classes") { Description = "Output classes.", DefaultValueFactory = _ => 13 };
        var trainBatch = new Option<int?>("--train-batch") { Description = "Training batch (default 64 for compact-cnn, 8 otherwise; 0 skips)." };
        var inferBatch = new Option<int?>("--infer-batch") { Description = "Inference batch (default 256 for compact-cnn, 16 otherwise; 0 skips)." };
        var seconds = new Option<double>("--seconds") { Description = "Seconds spent measuring each figure.", DefaultValueFactory = _ => 3 };
        var json = CommonOptions.Json();
        var command = new Command("nn", "Training images/s, batch inference images/s, batch-1 latency and peak memory of a zoo network on synthetic data.\nExample: noteguard bench nn --arch compact-cnn --json")
        {
            arch, classes, trainBatch, inferBatch, seconds, json,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string name = parse.GetValue(arch)!;
            bool compact = name == "compact-cnn";
            var result = NnBenchmark.Run(new NnBenchmarkOptions
            {
                Architecture = name,
                Classes = parse.GetValue(classes),
                TrainBatch = parse.GetValue(trainBatch) ?? (compact ? 64 : 8),
                InferBatch = parse.GetValue(inferBatch) ?? (compact ? 256 : 16),
                Seconds = parse.GetValue(seconds),
            });
            if (parse.GetValue(json))
            {
                JsonOutput.Write(result);
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Arch}: train {result.TrainImagesPerS:F1} images/s, inference {result.InferImagesPerS:F1} images/s, batch-1 latency {result.LatencyMsBatch1:F3} ms, training peak memory {result.PeakMemoryMb:F0} MiB, overall {result.PeakMemoryMbTotal:F0} MiB ({result.Threads} threads)"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
