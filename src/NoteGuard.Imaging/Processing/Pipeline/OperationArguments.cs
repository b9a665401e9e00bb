using System.Globalization;

namespace NoteGuard.Imaging.Processing.Pipeline;

/// <summary>
/// The <c>key=value</c> arguments of one pipeline step such as <c>clahe:clip=2,tiles=8</c>.
/// Getters record which keys were read so a misspelt key is reported instead of silently ignored.
/// Every parse failure is an <see cref="ArgumentException"/> that names the operation and the key.
/// </summary>
public sealed class OperationArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    internal OperationArguments(string operation, Dictionary<string, string> values)
    {
        Operation = operation;
        _values = values;
    }

    /// <summary>The operation's name, for messages.</summary>
    public string Operation { get; }

    /// <summary>True when <paramref name="key"/> was given.</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>The raw text of <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
    public string GetString(string key, string fallback)
    {
        _used.Add(key);
        return _values.TryGetValue(key, out var text) ? text : fallback;
    }

    /// <summary>An integer argument (invariant culture).</summary>
    public int GetInt(string key, int fallback)
    {
        _used.Add(key);
        if (!_values.TryGetValue(key, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Bad(key, text, "an integer");
    }

    /// <summary>A real-number argument (invariant culture, '.' as decimal separator).</summary>
    public double GetDouble(string key, double fallback)
    {
        _used.Add(key);
        if (!_values.TryGetValue(key, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw Bad(key, text, "a number");
    }

    /// <summary>A boolean argument: true/false, yes/no, 1/0, on/off.</summary>
    public bool GetBool(string key, bool fallback)
    {
        _used.Add(key);
        if (!_values.TryGetValue(key, out var text))
        {
            return fallback;
        }

        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" or "on" => true,
            "false" or "no" or "0" or "off" => false,
            _ => throw Bad(key, text, "true or false"),
        };
    }

    /// <summary>An enum argument matched case-insensitively by member name.</summary>
    public TEnum GetEnum<TEnum>(string key, TEnum fallback)
        where TEnum : struct, Enum
    {
        _used.Add(key);
        if (!_values.TryGetValue(key, out var text))
        {
            return fallback;
        }

        return Enum.TryParse(text, ignoreCase: true, out TEnum value) && Enum.IsDefined(value) && !char.IsDigit(text[0])
            ? value
            : throw Bad(key, text, "one of " + string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant())));
    }

    /// <summary>A list of numbers separated by ';' or spaces, e.g. <c>kernel=0;-1;0;-1;5;-1;0;-1;0</c>.</summary>
    public double[]? GetDoubles(string key)
    {
        _used.Add(key);
        if (!_values.TryGetValue(key, out var text))
        {
            return null;
        }

        var parts = text.Split([';', ' '], StringSplitOptions.RemoveEmptyEntries);
        var result = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]) || !double.IsFinite(result[i]))
            {
                throw Bad(key, text, "numbers separated by ';'");
            }
        }

        return result;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming any given key that no getter asked for.</summary>
    internal void ThrowIfUnused()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Operation '{Operation}' does not take {string.Join(", ", unknown.Select(k => "'" + k + "'"))}.");
        }
    }

    private ArgumentException Bad(string key, string text, string expected) =>
        new($"Operation '{Operation}': '{key}={text}' is not valid; expected {expected}.");
}
