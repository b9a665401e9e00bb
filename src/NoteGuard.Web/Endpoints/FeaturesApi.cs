using Microsoft.AspNetCore.Http.HttpResults;
using NoteGuard.Web.Features;

namespace NoteGuard.Web.Endpoints;

/// <summary><c>/api/v1/features</c>: verdicts from precomputed features (seed 003's wavelet statistics).</summary>
internal static class FeaturesApi
{
    public static RouteGroupBuilder MapFeaturesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/features").WithTags("Features");
        group.MapPost("/wavelet", Wavelet)
            .RequireRateLimiting(InspectionsApi.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Genuine or counterfeit from the four wavelet statistics (variance, skewness, curtosis, entropy) of the UCI banknote data.");
        return group;
    }

    internal static Results<Ok<WaveletVerdict>, ProblemHttpResult> Wavelet(WaveletFeatures? features, IServiceProvider services)
    {
        if (features is not { Variance: { } v, Skewness: { } s, Curtosis: { } c, Entropy: { } e }
            || !double.IsFinite(v) || !double.IsFinite(s) || !double.IsFinite(c) || !double.IsFinite(e))
        {
            return TypedResults.Problem(
                "Send a JSON object with four finite numbers: variance, skewness, curtosis and entropy.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid features");
        }

        if (services.GetService<IWaveletClassifier>() is not { } classifier)
        {
            return TypedResults.Problem(
                "model not configured: set NoteGuard:Wavelet:ModelPath to a tabular model trained on the UCI banknote data.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "model not configured");
        }

        var (verdict, probability, label) = classifier.Classify(v, s, c, e);
        return TypedResults.Ok(new WaveletVerdict(verdict, probability, label, classifier.Info.Path));
    }
}
