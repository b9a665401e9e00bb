using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NoteGuard.Learning.Optimizers;
using NoteGuard.Learning.Serialization;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Inspection.Training;

/// <summary>
/// The resumable state of a training run in a NoteGuard model file (kind <c>checkpoint/nn/&lt;arch&gt;</c>): current
/// weights (<c>model.*</c>), best weights (<c>best.*</c>), optimizer buffers (<c>optimizer.*</c>), and in the header
/// the completed epochs, history, best epoch and score, the scheduler position and the settings fingerprint.
/// Dropout, shuffling and augmentation are reseeded from (seed, epoch), so a resumed run repeats the uninterrupted one.
/// </summary>
internal static class TrainingCheckpoint
{
    public const string KindPrefix = "checkpoint/nn/";
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Save(string path, Trainer.Run run)
    {
        var header = new JsonObject
        {
            ["arch"] = run.Network.Architecture,
            ["classes"] = run.Network.Classes,
            ["completed_epochs"] = run.CompletedEpochs,
            ["best_epoch"] = run.BestEpoch,
            ["best_accuracy"] = double.IsFinite(run.BestAccuracy) ? run.BestAccuracy : null,
            ["best_loss"] = double.IsFinite(run.BestLoss) ? run.BestLoss : null,
            ["epochs_without_improvement"] = run.EpochsWithoutImprovement,
            ["seconds"] = run.PreviousSeconds,
            ["scheduler_epoch"] = run.Scheduler?.Epoch ?? 0,
            ["settings"] = run.Options.ResumeFingerprint() + (run.Options.Scheduler == SchedulerKind.Cosine ? $";epochs={run.Options.Epochs}" : string.Empty),
            ["history"] = JsonSerializer.SerializeToNode(run.History, s_json),
            ["optimizer_scalars"] = JsonSerializer.SerializeToNode(run.Optimizer.GetState().Scalars, s_json),
        };
        var file = new ModelFile { Kind = KindPrefix + run.Network.Architecture, Header = header, Labels = run.Classes };
        foreach (var (name, tensor) in run.Network.StateDict())
        {
            file.Tensors.Add(new StoredTensor("model." + name, [.. tensor.Shape], tensor.ToArray()));
        }

        foreach (var (name, values) in run.BestWeights)
        {
            file.Tensors.Add(new StoredTensor("best." + name, [values.Length], values));
        }

        foreach (var (name, values) in run.Optimizer.GetState().Buffers)
        {
            file.Tensors.Add(new StoredTensor("optimizer." + name, [values.Length], values));
        }

        file.Save(path);
    }

    /// <exception cref="InvalidDataException">The checkpoint does not belong to this network, class list or settings.</exception>
    public static void Restore(string path, Trainer.Run run)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No such checkpoint: {path}", path);
        }

        var file = ModelFile.Load(path, new ModelFileReadOptions { ExpectedKindPrefix = KindPrefix });
        string expectedKind = KindPrefix + run.Network.Architecture;
        if (file.Kind != expectedKind)
        {
            throw new InvalidDataException($"checkpoint {path} is a {file.Kind[KindPrefix.Length..]} run; this run trains {run.Network.Architecture}");
        }

        if (!file.Labels.SequenceEqual(run.Classes))
        {
            throw new InvalidDataException($"checkpoint {path} has classes [{string.Join(", ", file.Labels)}]; this run has [{string.Join(", ", run.Classes)}]");
        }

        string settings = run.Options.ResumeFingerprint() + (run.Options.Scheduler == SchedulerKind.Cosine ? $";epochs={run.Options.Epochs}" : string.Empty);
        if (Text(file, "settings") != settings)
        {
            throw new InvalidDataException($"checkpoint {path} was written with other settings ({Text(file, "settings")}); resume with the same batch size, optimizer, learning rate, schedule, seed and augmentation");
        }

        try
        {
            var state = run.Network.StateDict();
            var restored = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (name, tensor) in state)
            {
                var stored = file.GetTensor("model." + name, [.. tensor.Shape]);
                restored[name] = Tensor.FromArray(stored.AsFloat32(), [.. tensor.Shape]);
            }

            run.Network.LoadStateDict(restored);
            run.BestWeights = file.Tensors
                .Where(t => t.Name.StartsWith("best.", StringComparison.Ordinal))
                .ToDictionary(t => t.Name["best.".Length..], t => t.AsFloat32().ToArray(), StringComparer.Ordinal);
            var optimizerState = new OptimizerState();
            foreach (var t in file.Tensors.Where(t => t.Name.StartsWith("optimizer.", StringComparison.Ordinal)))
            {
                optimizerState.Buffers[t.Name["optimizer.".Length..]] = t.AsFloat32().ToArray();
            }

            foreach (var (key, value) in file.Header["optimizer_scalars"]?.Deserialize<Dictionary<string, double>>(s_json) ?? [])
            {
                optimizerState.Scalars[key] = value;
            }

            run.Optimizer.LoadState(optimizerState);
            if (run.Scheduler is { } scheduler)
            {
                scheduler.Epoch = Int(file, "scheduler_epoch");
            }

            run.CompletedEpochs = Int(file, "completed_epochs");
            run.BestEpoch = Int(file, "best_epoch");
            run.BestAccuracy = file.Header["best_accuracy"]?.GetValue<double>() ?? double.NegativeInfinity;
            run.BestLoss = file.Header["best_loss"]?.GetValue<double>() ?? double.PositiveInfinity;
            run.EpochsWithoutImprovement = Int(file, "epochs_without_improvement");
            run.PreviousSeconds = file.Header["seconds"]?.GetValue<double>() ?? 0;
            run.History.Clear();
            run.History.AddRange(file.Header["history"]?.Deserialize<List<EpochSummary>>(s_json) ?? []);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or InvalidModelException)
        {
            throw new InvalidDataException($"checkpoint {path} is damaged: {ex.Message}", ex);
        }
    }

    private static string? Text(ModelFile file, string key) => file.Header[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static int Int(ModelFile file, string key) =>
        file.Header[key] is JsonValue v && v.TryGetValue(out int i) ? i : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"checkpoint header lacks '{key}'"));
}
