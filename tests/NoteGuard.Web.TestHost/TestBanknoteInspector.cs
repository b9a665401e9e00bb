using System.Diagnostics;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Inspections;

namespace NoteGuard.Web.TestHost;

/// <summary>
/// A deterministic stand-in for the real inspector (tests only): decodes the image with <see cref="ImageCodec.Decode"/>
/// (so unreadable images fail exactly as they will with real models) and derives a fixed-shape result from its mean
/// brightness. Models: <c>test-denomination</c> (VND labels) and <c>test-authenticity</c>.
/// </summary>
public sealed class TestBanknoteInspector : IBanknoteInspector
{
    public const string DenominationModel = "test-denomination";
    public const string AuthenticityModel = "test-authenticity";

    private static readonly string[] s_labels = ["10000", "20000", "50000", "100000", "200000", "500000"];

    public IReadOnlyList<ModelSummary> Models { get; } =
    [
        new(DenominationModel, "1.0.0", "denomination", s_labels, "Test double: label from mean brightness, not a trained model."),
        new(AuthenticityModel, "1.0.0", "authenticity", ["genuine", "counterfeit"], "Test double: counterfeit when the image is mostly dark."),
    ];

    public InspectionResult Inspect(ReadOnlyMemory<byte> image, IReadOnlyList<string>? models, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        var names = models is { Count: > 0 } ? models : [DenominationModel, AuthenticityModel];
        foreach (string name in names)
        {
            if (name is not (DenominationModel or AuthenticityModel))
            {
                throw new UnknownModelException($"Unknown model '{name}': loaded models are {DenominationModel}, {AuthenticityModel}.");
            }
        }

        double mean;
        using (var decoded = ImageCodec.Decode(image.Span))
        {
            cancellationToken.ThrowIfCancellationRequested();
            mean = Mean(decoded);
        }

        double decodeMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        // Images brighter than 64 of 255 are "100000" (the bundled sample is), darker ones cycle through the labels.
        int index = mean > 64 ? 3 : (int)mean % s_labels.Length;
        double probability = 0.9;
        var used = new List<ModelReference>();
        DenominationResult? denomination = null;
        AuthenticityResult? authenticity = null;
        if (names.Contains(DenominationModel))
        {
            var topK = new List<LabelProbability> { new(s_labels[index], probability), new(s_labels[(index + 1) % s_labels.Length], 0.07), new(s_labels[(index + 2) % s_labels.Length], 0.03) };
            denomination = new DenominationResult(s_labels[index], probability, topK);
            used.Add(new ModelReference(DenominationModel, "1.0.0"));
        }

        if (names.Contains(AuthenticityModel))
        {
            authenticity = mean > 32 ? new AuthenticityResult(CounterfeitVerdict.Genuine, 0.97) : new AuthenticityResult(CounterfeitVerdict.Counterfeit, 0.8);
            used.Add(new ModelReference(AuthenticityModel, "1.0.0"));
        }

        double total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new InspectionResult
        {
            Denomination = denomination,
            Authenticity = authenticity,
            TimingMs = new InspectionTiming(decodeMs, 0, total - decodeMs, total),
            Models = used,
        };
    }

    private static double Mean(Image image)
    {
        long sum = 0;
        long count = 0;
        for (int y = 0; y < image.Height; y++)
        {
            foreach (byte b in image.GetRow(y))
            {
                sum += b;
            }

            count += image.GetRow(y).Length;
        }

        return count == 0 ? 0 : (double)sum / count;
    }
}
