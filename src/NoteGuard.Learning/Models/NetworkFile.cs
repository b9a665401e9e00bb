using System.Globalization;
using System.Text.Json.Nodes;
using NoteGuard.Learning.Serialization;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Models;

/// <summary>
/// Saves and loads zoo networks as NoteGuard model files: Kind <c>nn/&lt;arch&gt;</c>, a header with
/// <c>arch</c>, <c>classes</c> and <c>input_shape</c> [C, H, W], and one tensor per parameter and buffer under its
/// PyTorch <c>state_dict</c> name (so a state_dict exported by scripts/export_pytorch_model.py loads by name).
/// BatchNorm's <c>num_batches_tracked</c> is stored as an int64 scalar, as in PyTorch.
/// </summary>
public static class NetworkFile
{
    /// <summary>Prefix of every network model kind.</summary>
    public const string KindPrefix = "nn/";

    /// <summary>The network as a model file (weights copied).</summary>
    public static ModelFile ToModelFile(Network network, IReadOnlyList<string>? labels = null)
    {
        Guard.NotNull(network);
        var header = new JsonObject
        {
            ["arch"] = network.Architecture,
            ["classes"] = network.Classes,
            ["input_shape"] = new JsonArray([.. network.InputShape.Select(static d => (JsonNode)d)]),
            ["layout"] = "NCHW float32",
        };
        var file = new ModelFile { Kind = KindPrefix + network.Architecture, Header = header, Labels = labels ?? [] };
        foreach (var (name, tensor) in network.StateDict())
        {
            int[] shape = tensor.Shape.ToArray();
            file.Tensors.Add(IsCounter(name)
                ? new StoredTensor(name, shape, [(long)tensor.Span[0]])
                : new StoredTensor(name, shape, tensor.ToArray()));
        }

        return file;
    }

    /// <summary>Writes the network to <paramref name="path"/> (atomically, see <see cref="ModelFile.Save(string)"/>).</summary>
    public static void Save(Network network, string path, IReadOnlyList<string>? labels = null) =>
        ToModelFile(network, labels).Save(path);

    /// <summary>Loads a network saved by <see cref="Save"/> (or exported from PyTorch) in evaluation mode.</summary>
    /// <exception cref="InvalidModelException">Wrong kind, bad header, or a tensor missing, unexpected or of the wrong shape/type.</exception>
    public static Network Load(string path, ModelFileReadOptions? options = null) =>
        FromModelFile(ModelFile.Load(path, options ?? new ModelFileReadOptions { ExpectedKindPrefix = KindPrefix }));

    /// <summary>Builds the network a model file describes and copies its weights, validating every name and shape.</summary>
    /// <exception cref="InvalidModelException">Wrong kind, bad header, or a tensor missing, unexpected or of the wrong shape/type.</exception>
    public static Network FromModelFile(ModelFile file)
    {
        Guard.NotNull(file);
        if (!file.Kind.StartsWith(KindPrefix, StringComparison.Ordinal))
        {
            throw new InvalidModelException($"model kind '{file.Kind}' is not a network (expected '{KindPrefix}<arch>')");
        }

        string arch = file.Kind[KindPrefix.Length..];
        if (!ModelZoo.Architectures.Contains(arch))
        {
            throw new InvalidModelException($"unknown network architecture '{arch}'; known: {string.Join(", ", ModelZoo.Architectures)}");
        }

        int classes = HeaderInt(file, "classes");
        int[] shape = HeaderShape(file);
        int[] defaults = ModelZoo.DefaultInputShape(arch);
        var options = new ZooOptions
        {
            InChannels = shape[0],
            InputSize = shape[1] != defaults[1] || shape[2] != defaults[2] ? shape[1] : null,
        };
        Network network;
        try
        {
            network = ModelZoo.Create(arch, classes, options);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidModelException($"header of '{arch}' model is not buildable: {ex.Message}");
        }

        var state = network.StateDict();
        foreach (var stored in file.Tensors)
        {
            if (!state.ContainsKey(stored.Name))
            {
                throw new InvalidModelException($"unexpected tensor '{stored.Name}' for {arch}") { TensorName = stored.Name };
            }
        }

        foreach (var (name, tensor) in state)
        {
            var stored = file.GetTensor(name, tensor.Shape.ToArray());
            if (IsCounter(name))
            {
                tensor.Span[0] = stored.DataType switch
                {
                    TensorDataType.Int64 => stored.AsInt64()[0],
                    TensorDataType.Float32 => stored.AsFloat32()[0],
                    _ => throw new InvalidModelException($"tensor '{name}' must be int64, found {stored.DataType}") { TensorName = name },
                };
                continue;
            }

            if (stored.DataType != TensorDataType.Float32)
            {
                throw new InvalidModelException($"tensor '{name}' must be float32, found {stored.DataType}") { TensorName = name };
            }

            var values = stored.AsFloat32();
            foreach (float v in values)
            {
                if (!float.IsFinite(v))
                {
                    throw new InvalidModelException($"tensor '{name}' holds a non-finite value") { TensorName = name };
                }
            }

            values.CopyTo(tensor.Span);
        }

        network.Eval();
        return network;
    }

    private static bool IsCounter(string name) => name.EndsWith("num_batches_tracked", StringComparison.Ordinal);

    private static int HeaderInt(ModelFile file, string key)
    {
        try
        {
            if (file.Header[key] is JsonValue v && v.TryGetValue(out int value) && value > 0)
            {
                return value;
            }
        }
        catch (InvalidOperationException)
        {
        }

        throw new InvalidModelException($"network header needs a positive integer '{key}'");
    }

    private static int[] HeaderShape(ModelFile file)
    {
        if (file.Header["input_shape"] is JsonArray array && array.Count == 3)
        {
            int[] shape = new int[3];
            for (int i = 0; i < 3; i++)
            {
                if (array[i] is not JsonValue v || !v.TryGetValue(out shape[i]) || shape[i] <= 0 || shape[i] > 65536)
                {
                    throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture, $"network header 'input_shape' entry {i} is not a positive integer"));
                }
            }

            return shape;
        }

        throw new InvalidModelException("network header needs 'input_shape' [C, H, W]");
    }
}
