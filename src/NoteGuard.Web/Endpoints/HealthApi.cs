using Microsoft.AspNetCore.Http.HttpResults;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Web.Storage;

namespace NoteGuard.Web.Endpoints;

/// <summary><c>/health</c> (the process answers) and <c>/health/ready</c> (models loaded and audit store reachable).</summary>
internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("", () => TypedResults.Ok(new { status = "alive" })).WithSummary("Liveness: the process answers.");
        group.MapGet("/ready", ReadyAsync).WithSummary("Readiness: 200 when models are loaded and the audit store is reachable, else 503.");
        return group;
    }

    internal static async Task<Results<Ok<ReadinessReport>, JsonHttpResult<ReadinessReport>>> ReadyAsync(IServiceProvider services, IAuditStore store, CancellationToken cancellationToken)
    {
        int models = services.GetService<IBanknoteInspector>()?.Models.Count ?? 0;
        bool reachable = await store.PingAsync(cancellationToken).ConfigureAwait(false);
        bool ready = models > 0 && reachable;
        var report = new ReadinessReport(ready ? "ready" : "not ready", models > 0, models, reachable, store.Provider);
        return ready ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
