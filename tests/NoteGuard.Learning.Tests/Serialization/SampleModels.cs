using System.Text.Json.Nodes;
using NoteGuard.Learning.Serialization;

namespace NoteGuard.Learning.Tests.Serialization;

/// <summary>Small deterministic models used as round-trip subjects and fuzz seeds.</summary>
internal static class SampleModels
{
    public static ModelFile Cnn()
    {
        var rng = new Random(7);
        var model = new ModelFile
        {
            Kind = "nn/compact-cnn",
            Labels = ["5", "10", "20", "50"],
            Header = new JsonObject
            {
                ["architecture"] = new JsonObject { ["channels"] = new JsonArray(4, 8), ["input"] = new JsonArray(3, 32, 32) },
                ["provenance"] = new JsonObject { ["seed"] = 7 },
            },
        };
        model.Tensors.Add(new StoredTensor("features.0.weight", [4, 3, 3, 3], RandomFloats(rng, 108)));
        model.Tensors.Add(new StoredTensor("features.0.bias", [4], RandomFloats(rng, 4)));
        model.Tensors.Add(new StoredTensor("features.1.running_mean", [4], RandomFloats(rng, 4)));
        model.Tensors.Add(new StoredTensor("features.1.num_batches_tracked", [], new long[] { 1234 }));
        model.Tensors.Add(new StoredTensor("classifier.weight", [4, 8], RandomFloats(rng, 32)));
        return model;
    }

    public static ModelFile Mixed()
    {
        var model = new ModelFile { Kind = "svm", Labels = ["genuine", "counterfeit"], Header = new JsonObject { ["c"] = 1.5, ["kernel"] = "rbf" } };
        model.Tensors.Add(new StoredTensor("support_vectors", [3, 4], Enumerable.Range(0, 12).Select(i => i * 0.25).ToArray()));
        model.Tensors.Add(new StoredTensor("support_indices", [3], new int[] { 4, 9, 17 }));
        model.Tensors.Add(new StoredTensor("empty", [0], Array.Empty<float>()));
        model.Tensors.Add(new StoredTensor("mask", [5], new byte[] { 1, 0, 1, 1, 0 }));
        return model;
    }

    public static ModelFile Minimal() => new() { Kind = "knn" };

    private static float[] RandomFloats(Random rng, int count)
    {
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return values;
    }
}
