namespace NoteGuard.Imaging.Processing.Pipeline;

/// <summary>A named operation that pipelines (CLI <c>--op</c>, preprocessing presets) can apply.</summary>
/// <param name="Name">Lower-case name used in specs, e.g. <c>clahe</c>.</param>
/// <param name="Usage">One line for help: the arguments with their defaults and what happens to alpha.</param>
/// <param name="Create">Reads the arguments (throwing <see cref="ArgumentException"/> when invalid) and returns the step.</param>
public sealed record ImageOperationDefinition(string Name, string Usage, Func<OperationArguments, Func<Image, Image>> Create);

/// <summary>
/// Parses and runs pipelines of image operations written as <c>NAME[:key=value,...]</c>, e.g.
/// <c>gray</c>, <c>clahe:clip=2,tiles=8</c>, <c>sobel:mode=magnitude</c>.
/// </summary>
public static partial class ImagePipeline
{
    private static readonly Lazy<Dictionary<string, ImageOperationDefinition>> s_operations = new(BuildCatalog);

    /// <summary>Every operation a pipeline accepts, sorted by name.</summary>
    public static IReadOnlyList<ImageOperationDefinition> Operations =>
        [.. s_operations.Value.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Parses one step. Throws <see cref="ArgumentException"/> for an unknown operation, a malformed argument or
    /// an argument the operation does not take.
    /// </summary>
    public static Func<Image, Image> Parse(string spec)
    {
        Guard.NotNull(spec);
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        if (!s_operations.Value.TryGetValue(name, out var definition))
        {
            throw new ArgumentException($"Unknown operation '{name}'. Known: {string.Join(", ", s_operations.Value.Keys.Order(StringComparer.Ordinal))}.");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (colon >= 0)
        {
            foreach (string pair in spec[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == pair.Length - 1)
                {
                    throw new ArgumentException($"Operation '{name}': '{pair}' is not of the form key=value.");
                }

                if (!values.TryAdd(pair[..eq].Trim(), pair[(eq + 1)..].Trim()))
                {
                    throw new ArgumentException($"Operation '{name}': '{pair[..eq]}' is given twice.");
                }
            }
        }

        var arguments = new OperationArguments(name, values);
        var step = definition.Create(arguments);
        arguments.ThrowIfUnused();
        return step;
    }

    /// <summary>
    /// Applies the steps in order. The input is not modified; intermediate images are disposed.
    /// Throws <see cref="ArgumentException"/> for an invalid spec (before any work is done).
    /// </summary>
    public static Image Apply(Image input, IEnumerable<string> specs)
    {
        Guard.NotNull(input);
        Guard.NotNull(specs);
        var steps = specs.Select(Parse).ToList();
        var current = input;
        foreach (var step in steps)
        {
            var next = step(current);
            if (!ReferenceEquals(current, input) && !ReferenceEquals(current, next))
            {
                current.Dispose();
            }

            current = next;
        }

        return ReferenceEquals(current, input) ? input.Clone() : current;
    }

    private static Dictionary<string, ImageOperationDefinition> BuildCatalog()
    {
        var catalog = new Dictionary<string, ImageOperationDefinition>(StringComparer.Ordinal);
        AddColorOperations(catalog);
        AddHistogramOperations(catalog);
        AddGeometryOperations(catalog);
        AddFilterOperations(catalog);
        AddThresholdOperations(catalog);
        AddMorphologyOperations(catalog);
        return catalog;
    }

    // Each processing family registers its operations in its own file (ImagePipeline.<Family>.cs).
    static partial void AddColorOperations(Dictionary<string, ImageOperationDefinition> catalog);

    static partial void AddHistogramOperations(Dictionary<string, ImageOperationDefinition> catalog);

    static partial void AddGeometryOperations(Dictionary<string, ImageOperationDefinition> catalog);

    static partial void AddFilterOperations(Dictionary<string, ImageOperationDefinition> catalog);

    static partial void AddThresholdOperations(Dictionary<string, ImageOperationDefinition> catalog);

    static partial void AddMorphologyOperations(Dictionary<string, ImageOperationDefinition> catalog);
}
