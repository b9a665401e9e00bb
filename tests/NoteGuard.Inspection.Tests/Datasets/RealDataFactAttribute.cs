using NoteGuard.Imaging;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Datasets;

/// <summary>
/// A fact that needs a shared real dataset; skipped, with the reason, when <c>../shared/datasets/NAME</c> is absent,
/// or (with <c>needsJpeg</c>) when this build cannot decode JPEG at all (the codec reports the feature as unsupported).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealDataFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_jpegUnavailable = new(ProbeJpeg);

    public RealDataFactAttribute(string dataset, bool needsJpeg = false)
    {
        if (TestPaths.Dataset(dataset) is null)
        {
            Skip = $"Real dataset '{dataset}' not found under {TestPaths.Datasets} (set NOTEGUARD_DATA to its folder).";
        }
        else if (needsJpeg && s_jpegUnavailable.Value is string reason)
        {
            Skip = "JPEG decoding unavailable in this build: " + reason;
        }
    }

    private static string? ProbeJpeg()
    {
        // The smallest baseline JPEG the samples folder holds is enough to ask the codec whether JPEG is supported.
        string? sample = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "samples"), "*.jpg").FirstOrDefault();
        if (sample is null)
        {
            return "no sample JPEG to probe";
        }

        try
        {
            ImageCodec.IdentifyFile(sample);
            return null;
        }
        catch (UnsupportedImageException ex)
        {
            return ex.Message;
        }
    }
}
