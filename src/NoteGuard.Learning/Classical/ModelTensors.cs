using System.Globalization;
using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Classical;

/// <summary>
/// The named arrays of a fitted classical model, between the classifier and the model file. Reading checks
/// every shape so a corrupt file fails with a clear message instead of an index error.
/// </summary>
internal sealed class ModelTensors
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _entries.Keys;

    public void Add(string name, double[] data, params int[] shape) => _entries.Add(name, new Entry(shape, data, null));

    public void Add(string name, int[] data, params int[] shape) => _entries.Add(name, new Entry(shape, null, data));

    public bool TryGet(string name, out int[] shape, out double[]? doubles, out int[]? ints)
    {
        if (_entries.TryGetValue(name, out var e))
        {
            shape = e.Shape;
            doubles = e.Doubles;
            ints = e.Ints;
            return true;
        }

        shape = [];
        doubles = null;
        ints = null;
        return false;
    }

    public double[] Doubles(string name, params int[] shape)
    {
        var e = Get(name, shape);
        return e.Doubles ?? e.Ints!.Select(v => (double)v).ToArray();
    }

    public int[] Ints(string name, params int[] shape)
    {
        var e = Get(name, shape);
        return e.Ints ?? throw new ClassicalModelFormatException($"tensor '{name}' must hold integers");
    }

    private Entry Get(string name, int[] shape)
    {
        if (!_entries.TryGetValue(name, out var e))
        {
            throw new ClassicalModelFormatException($"tensor '{name}' is missing");
        }

        if (!e.Shape.AsSpan().SequenceEqual(shape))
        {
            throw new ClassicalModelFormatException(
                $"tensor '{name}' has shape [{string.Join(",", e.Shape)}], expected [{string.Join(",", shape)}]");
        }

        return e;
    }

    internal static int HeaderInt(JsonObject header, string key, int min, int max)
    {
        int value;
        try
        {
            value = header[key]?.GetValue<int>() ?? throw new ClassicalModelFormatException($"header field '{key}' is missing");
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new ClassicalModelFormatException($"header field '{key}' must be an integer");
        }

        if (value < min || value > max)
        {
            throw new ClassicalModelFormatException(string.Create(CultureInfo.InvariantCulture, $"header field '{key}' = {value} is outside {min}..{max}"));
        }

        return value;
    }

    internal static double HeaderDouble(JsonObject header, string key)
    {
        try
        {
            double value = header[key]?.GetValue<double>() ?? throw new ClassicalModelFormatException($"header field '{key}' is missing");
            return double.IsFinite(value) ? value : throw new ClassicalModelFormatException($"header field '{key}' must be finite");
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new ClassicalModelFormatException($"header field '{key}' must be a number");
        }
    }

    internal static string HeaderString(JsonObject header, string key)
    {
        try
        {
            return header[key]?.GetValue<string>() ?? throw new ClassicalModelFormatException($"header field '{key}' is missing");
        }
        catch (InvalidOperationException)
        {
            throw new ClassicalModelFormatException($"header field '{key}' must be a string");
        }
    }

    private sealed record Entry(int[] Shape, double[]? Doubles, int[]? Ints);
}

/// <summary>Raised inside Learning when stored classical-model content is inconsistent; the loader wraps it in the model-file exception.</summary>
internal sealed class ClassicalModelFormatException(string message) : Exception(message);
