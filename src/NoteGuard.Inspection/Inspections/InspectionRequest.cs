namespace NoteGuard.Inspection.Inspections;

/// <summary>One image to inspect and, optionally, the models to run on it.</summary>
/// <param name="Image">The encoded image file (PNG, JPEG or PNM), detected from its content.</param>
/// <param name="Models">Names of loaded models to run; null or empty runs the default models.</param>
public sealed record InspectionRequest(ReadOnlyMemory<byte> Image, IReadOnlyList<string>? Models = null)
{
    /// <summary>Runs this request on <paramref name="inspector"/>; throws what <see cref="IBanknoteInspector.Inspect"/> throws.</summary>
    public InspectionResult RunOn(IBanknoteInspector inspector, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(inspector);
        return inspector.Inspect(Image, Models, cancellationToken);
    }
}
