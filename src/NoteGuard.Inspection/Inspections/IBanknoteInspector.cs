namespace NoteGuard.Inspection.Inspections;

/// <summary>
/// Checks one banknote photo with loaded models: denomination, and authenticity when an authenticity model is
/// loaded. This is the seam between the models (issue 6's <c>noteguard check</c>) and its hosts (the CLI and the
/// web service). Implementations must be safe to call from many threads at once.
/// </summary>
public interface IBanknoteInspector
{
    /// <summary>The models this inspector can run, in the order they run by default. Empty when none are loaded.</summary>
    IReadOnlyList<ModelSummary> Models { get; }

    /// <summary>
    /// Decodes <paramref name="image"/> (PNG, JPEG or PNM, detected from its content) and runs the named models on it
    /// (the default models when <paramref name="models"/> is null or empty).
    /// </summary>
    /// <param name="image">The encoded image file, at most the host's upload limit.</param>
    /// <param name="models">Names from <see cref="Models"/> to run, or null for the defaults.</param>
    /// <param name="cancellationToken">Checked between the decode, preprocess and infer stages.</param>
    /// <returns>The same result <c>noteguard check --json</c> prints for one image.</returns>
    /// <exception cref="NoteGuard.Imaging.InvalidImageException">The bytes are not a decodable image; the message names the problem.</exception>
    /// <exception cref="UnknownModelException">A name in <paramref name="models"/> is not a loaded model.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    InspectionResult Inspect(ReadOnlyMemory<byte> image, IReadOnlyList<string>? models, CancellationToken cancellationToken);
}
