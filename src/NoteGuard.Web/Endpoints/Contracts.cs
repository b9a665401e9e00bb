using System.Text.Json.Serialization;
using NoteGuard.Inspection.Inspections;

namespace NoteGuard.Web.Endpoints;

/// <summary>An inspection as the API answers it: the <c>noteguard check --json</c> result plus id and audit facts.</summary>
internal sealed record InspectionResource(
    Guid Id,
    DateTimeOffset ReceivedAt,
    string ImageSha256,
    long ImageBytes,
    DenominationResult? Denomination,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] AuthenticityResult? Authenticity,
    InspectionTiming TimingMs,
    IReadOnlyList<ModelReference> Models,
    IReadOnlyList<string> Notes,
    double LatencyMs,
    string? ClientAddress);

/// <summary>A page of inspections, newest first.</summary>
internal sealed record InspectionPage(IReadOnlyList<InspectionResource> Items, int Page, int PageSize, long Total);

/// <summary>The loaded models.</summary>
internal sealed record ModelList(IReadOnlyList<ModelSummary> Models, WaveletModelInfo? Wavelet);

/// <summary>The wavelet-feature model, when configured.</summary>
internal sealed record WaveletModelInfo(string Path, string Kind, IReadOnlyList<string> Labels, string Description);

/// <summary>Seed 003's four wavelet statistics of a banknote image (UCI banknote authentication data).</summary>
internal sealed record WaveletFeatures(double? Variance, double? Skewness, double? Curtosis, double? Entropy);

/// <summary>The verdict for four wavelet features.</summary>
internal sealed record WaveletVerdict(CounterfeitVerdict Verdict, double? Probability, string Label, string Model);

/// <summary>Readiness details.</summary>
internal sealed record ReadinessReport(string Status, bool ModelsLoaded, int ModelCount, bool StoreReachable, string Store);
