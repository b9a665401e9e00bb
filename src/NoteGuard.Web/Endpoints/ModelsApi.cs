using Microsoft.AspNetCore.Http.HttpResults;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Web.Features;

namespace NoteGuard.Web.Endpoints;

/// <summary><c>/api/v1/models</c>: the loaded image models and the wavelet-feature model.</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/models").WithTags("Models");
        group.MapGet("", List).WithSummary("Loaded models with their labels and model-card summary; empty when none are loaded.");
        return group;
    }

    internal static Ok<ModelList> List(IServiceProvider services)
    {
        var inspector = services.GetService<IBanknoteInspector>();
        var wavelet = services.GetService<IWaveletClassifier>();
        return TypedResults.Ok(new ModelList(inspector?.Models ?? [], wavelet?.Info));
    }
}
