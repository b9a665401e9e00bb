using NoteGuard.Imaging;
using NoteGuard.Inspection.Augmentation;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.Inspection.Training;
using NoteGuard.Learning.Models;
using NoteGuard.Learning.Serialization;
using NoteGuard.Learning.Tensors;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Training;

/// <summary>
/// End to end on a tiny generated image set (two colour classes drawn with noise, written as PNG class folders):
/// train → save → load → evaluate, TensorBoard logs, and bit-exact resume.
/// </summary>
public sealed class TrainerTests : IDisposable
{
    private const int ImagesPerClass = 10;
    private static readonly string[] s_classes = ["blue", "red"];
    private readonly string _dir = TestPaths.NewTempDirectory();
    private readonly List<DatasetItem> _train = [];
    private readonly List<DatasetItem> _validation = [];

    public TrainerTests()
    {
        var random = new SeededRandom(5);
        foreach (string label in s_classes)
        {
            for (int i = 0; i < ImagesPerClass; i++)
            {
                string path = Path.Combine(_dir, "data", label, $"note_{i}.png");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var image = Image.Create(40, 36, PixelFormat.Rgb24);
                var pixels = image.Pixels;
                for (int p = 0; p < pixels.Length; p += 3)
                {
                    int noise = (int)(random.NextDouble() * 60);
                    pixels[p] = (byte)(label == "red" ? 180 + noise : 30 + noise);
                    pixels[p + 1] = (byte)(60 + noise);
                    pixels[p + 2] = (byte)(label == "red" ? 30 + noise : 180 + noise);
                }

                ImageCodec.Save(image, path);
                (i < 7 ? _train : _validation).Add(new DatasetItem(path, label));
            }
        }
    }

    private static PreprocessingPreset Preset => PreprocessingPresets.Enhanced(32);

    private static TrainerOptions Options(string? checkpoint = null, string? logs = null) => new()
    {
        Epochs = 4,
        BatchSize = 4,
        Optimizer = OptimizerKind.Adam,
        LearningRate = 0.003,
        Scheduler = SchedulerKind.Step,
        StepSize = 2,
        Gamma = 0.5,
        Seed = 11,
        Augmentation = AugmentationOptions.Seed004,
        CheckpointPath = checkpoint,
        LogDirectory = logs,
    };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TrainsSavesLoadsAndEvaluatesASeparableSet()
    {
        string logs = Path.Combine(_dir, "logs");
        var result = Trainer.Train(NewNetwork(), _train, _validation, s_classes, Preset, Options(logs: logs));

        Assert.Equal(4, result.History.Count);
        Assert.Equal([1, 2, 3, 4], result.History.Select(h => h.Epoch));
        Assert.Equal([0.003, 0.003, 0.0015, 0.0015], result.History.Select(h => h.LearningRate));
        Assert.All(result.History, h => Assert.True(double.IsFinite(h.TrainLoss) && h.ValidationAccuracy is not null && h.ImagesPerSecond > 0));
        Assert.InRange(result.BestEpoch, 1, 4);
        Assert.Equal(result.History.Max(h => h.ValidationAccuracy), result.History[result.BestEpoch - 1].ValidationAccuracy);
        Assert.Empty(result.Skipped);

        // The best network, saved with its preset and labels and loaded back, classifies the held-out images.
        string modelPath = Path.Combine(_dir, "colour.ngm");
        BanknoteModel.Create(result.Best, s_classes, Preset, "colour", ModelTask.Denomination).Save(modelPath);
        var loaded = BanknoteModel.Load(modelPath);
        var predictions = ImageEvaluation.Predict(loaded, _validation);
        var report = predictions.Evaluate("held-out images");
        Assert.Equal(_validation.Count, report.Samples);
        Assert.Equal(1.0, report.Accuracy);
        Assert.Equal(result.History[result.BestEpoch - 1].ValidationAccuracy, report.Accuracy);
        using var photo = ImageCodec.Load(_validation[0].Path);
        float[] p = loaded.Predict(photo);
        Assert.Equal(1f, p.Sum(), 1e-5f);
        Assert.Equal(Array.IndexOf(s_classes, _validation[0].Label), Array.IndexOf(p, p.Max()));

        // One TensorBoard event file with every scalar for every epoch, both CRCs checked by an independent reader.
        string events = Assert.Single(Directory.GetFiles(logs));
        var scalars = TensorBoardEvents.Read(File.ReadAllBytes(events)).Where(e => e.Tag is not null).ToList();
        foreach (string tag in new[] { "loss/train", "accuracy/train", "loss/validation", "accuracy/validation", "learning_rate" })
        {
            Assert.Equal([1L, 2, 3, 4], scalars.Where(e => e.Tag == tag).Select(e => e.Step));
        }

        Assert.Equal((float)result.History[2].TrainLoss, scalars.Single(e => e.Tag == "loss/train" && e.Step == 3).Value);
    }

    [Fact]
    public void AResumedRunRepeatsTheUninterruptedRunExactly()
    {
        var whole = Trainer.Train(NewNetwork(), _train, _validation, s_classes, Preset, Options());

        string checkpoint = Path.Combine(_dir, "run.ckpt");
        using var stop = new CancellationTokenSource();
        var stopAfterTwo = new SynchronousProgress(p =>
        {
            if (p.Completed?.Epoch == 2)
            {
                stop.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Trainer.Train(NewNetwork(), _train, _validation, s_classes, Preset, Options(checkpoint), null, stopAfterTwo, stop.Token));
        Assert.True(File.Exists(checkpoint));

        var resumed = Trainer.Train(NewNetwork(seed: 999), _train, _validation, s_classes, Preset, Options(checkpoint), resumeFrom: checkpoint);

        Assert.Equal(whole.History.Select(h => (h.Epoch, h.TrainLoss, h.TrainAccuracy, h.ValidationLoss, h.LearningRate)), resumed.History.Select(h => (h.Epoch, h.TrainLoss, h.TrainAccuracy, h.ValidationLoss, h.LearningRate)));
        Assert.Equal(whole.BestEpoch, resumed.BestEpoch);
        var expected = whole.Best.StateDict();
        foreach (var (name, tensor) in resumed.Best.StateDict())
        {
            Assert.Equal(expected[name].ToArray(), tensor.ToArray());
        }
    }

    [Fact]
    public void ACheckpointFromOtherSettingsOrClassesIsRefused()
    {
        string checkpoint = Path.Combine(_dir, "run.ckpt");
        Trainer.Train(NewNetwork(), _train, _validation, s_classes, Preset, Options(checkpoint) with { Epochs = 1 });

        var otherRate = Assert.Throws<InvalidDataException>(() =>
            Trainer.Train(NewNetwork(), _train, _validation, s_classes, Preset, Options(checkpoint) with { LearningRate = 0.1 }, resumeFrom: checkpoint));
        Assert.Contains("other settings", otherRate.Message, StringComparison.Ordinal);

        string[] swapped = ["red", "blue"];
        var otherClasses = Assert.Throws<InvalidDataException>(() =>
            Trainer.Train(NewNetwork(), _train, _validation, swapped, Preset, Options(checkpoint), resumeFrom: checkpoint));
        Assert.Contains("classes", otherClasses.Message, StringComparison.Ordinal);

        byte[] bytes = File.ReadAllBytes(checkpoint);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(checkpoint, bytes);
        Assert.ThrowsAny<Exception>(() => Trainer.Train(NewNetwork(), _train, _validation, s_classes, Preset, Options(checkpoint), resumeFrom: checkpoint));
    }

    [Fact]
    public void EarlyStoppingEndsTheRunAfterPatienceEpochsWithoutAMoreAccurateValidation()
    {
        const int Patience = 2;
        var result = Trainer.Train(NewNetwork(), _train, _validation, s_classes, Preset, Options() with { Epochs = 30, EarlyStoppingPatience = Patience });

        // Validation accuracy cannot rise above 1, so a separable set must stop well before 30 epochs.
        Assert.True(result.StoppedEarly);
        double best = double.NegativeInfinity;
        int stale = 0;
        int expectedStop = 0;
        foreach (var epoch in result.History)
        {
            stale = epoch.ValidationAccuracy > best ? 0 : stale + 1;
            best = Math.Max(best, epoch.ValidationAccuracy!.Value);
            if (stale >= Patience)
            {
                expectedStop = epoch.Epoch;
                break;
            }
        }

        Assert.Equal(expectedStop, result.History.Count);
        Assert.Equal(1.0, best);
    }

    [Fact]
    public void BalancedClassWeightsAreInverseFrequencies()
    {
        var items = new[] { new DatasetItem("a", "x"), new DatasetItem("b", "x"), new DatasetItem("c", "x"), new DatasetItem("d", "y") };
        Assert.Equal([4f / (2 * 3), 4f / (2 * 1), 0f], Trainer.BalancedWeights(items, ["x", "y", "z"]));
    }

    [Fact]
    public void UnknownLabelsAndMismatchedShapesAreClearErrors()
    {
        var stray = _train.Append(new DatasetItem(_train[0].Path, "green")).ToList();
        Assert.Throws<ArgumentException>(() => ImageEvaluation.Predict(NewNetwork(), stray, s_classes, Preset));
        var wrongSize = Assert.Throws<ArgumentException>(() => Trainer.Train(NewNetwork(), _train, _validation, s_classes, PreprocessingPresets.Enhanced(64), Options()));
        Assert.Contains("preset", wrongSize.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABareNetworkFileIsNotABanknoteModel()
    {
        string path = Path.Combine(_dir, "bare.ngm");
        NetworkFile.Save(NewNetwork(), path, s_classes);
        var error = Assert.Throws<InvalidModelException>(() => BanknoteModel.Load(path));
        Assert.Contains("noteguard train", error.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => BanknoteModel.Load(Path.Combine(_dir, "missing.ngm")));
    }

    private static Network NewNetwork(ulong seed = 3) => ModelZoo.Create("compact-cnn", 2, new ZooOptions { Seed = seed, InputSize = 32 });

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
