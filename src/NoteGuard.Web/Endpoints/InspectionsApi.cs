using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Web.Options;
using NoteGuard.Web.Storage;

namespace NoteGuard.Web.Endpoints;

/// <summary><c>/api/v1/inspections</c>: inspect an image, read one inspection, list them, export them as CSV.</summary>
internal static class InspectionsApi
{
    public const string RateLimitPolicy = "per-client";

    public static RouteGroupBuilder MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inspections").WithTags("Inspections");
        group.MapPost("", CreateAsync)
            .RequireRateLimiting(RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Inspect one banknote photo (multipart field 'image' or raw image body); the result is stored in the audit log before it is answered.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One recorded inspection.");
        group.MapGet("", ListAsync).WithSummary("Recorded inspections, newest first, filtered by time and verdict, paged.");
        group.MapGet("/export.csv", ExportAsync).WithSummary("Recorded inspections as CSV, oldest first, with the same filters.");
        return group;
    }

    internal static async Task<Results<Created<InspectionResource>, ProblemHttpResult>> CreateAsync(
        HttpContext context,
        IOptions<NoteGuardWebOptions> options,
        IAuditStore store,
        JsonOptionsAccessor json,
        CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        // Microseconds: the precision both stores keep, so a re-read record equals the answered one.
        var now = DateTimeOffset.UtcNow;
        var receivedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        var upload = await ImageUpload.ReadAsync(context.Request, options.Value.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        if (!upload.Succeeded)
        {
            return TypedResults.Problem(upload.Detail, statusCode: upload.Status, title: upload.Title);
        }

        if (context.RequestServices.GetService<IBanknoteInspector>() is not { } inspector)
        {
            return NoModels();
        }

        byte[] image = upload.Image!;
        InspectionResult result;
        try
        {
            result = new InspectionRequest(image, upload.Models.Count == 0 ? null : upload.Models).RunOn(inspector, cancellationToken);
        }
        catch (InvalidImageException ex)
        {
            return TypedResults.Problem(Problems.OneLine(ex.Message), statusCode: StatusCodes.Status400BadRequest, title: "Unreadable image");
        }
        catch (UnknownModelException ex)
        {
            return TypedResults.Problem(Problems.OneLine(ex.Message), statusCode: StatusCodes.Status400BadRequest, title: "Unknown model");
        }

        double latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var record = new AuditRecord(
            Guid.CreateVersion7(receivedAt),
            receivedAt,
            Convert.ToHexStringLower(SHA256.HashData(image)),
            image.LongLength,
            string.Join(',', result.Models.Select(m => m.Name + "@" + m.Version)),
            result.Denomination?.Label,
            result.Denomination?.Probability,
            result.Authenticity is { } a ? VerdictName(a.Verdict) : null,
            result.Authenticity?.Probability,
            JsonSerializer.Serialize(result, json.Options),
            latency,
            context.Connection.RemoteIpAddress?.ToString());

        // Committed before answering, and not cancelled by a client that hangs up: an acknowledged id is never lost.
        await store.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        var resource = ToResource(record, result);
        return TypedResults.Created($"/api/v1/inspections/{record.Id}", resource);
    }

    internal static async Task<Results<Ok<InspectionResource>, ProblemHttpResult>> GetAsync(Guid id, IAuditStore store, JsonOptionsAccessor json, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return record is null
            ? TypedResults.Problem($"No inspection with id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
            : TypedResults.Ok(ToResource(record, json));
    }

    internal static async Task<Results<Ok<InspectionPage>, ProblemHttpResult>> ListAsync(
        IAuditStore store,
        JsonOptionsAccessor json,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? verdict,
        int? page,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] int? pageSize,
        CancellationToken cancellationToken)
    {
        if (BuildQuery(from, to, verdict, page, pageSize) is not { } query)
        {
            return InvalidQuery();
        }

        var result = await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var items = result.Items.Select(r => ToResource(r, json)).ToList();
        return TypedResults.Ok(new InspectionPage(items, query.Page, query.PageSize, result.Total));
    }

    internal static Results<PushStreamHttpResult, ProblemHttpResult> ExportAsync(IAuditStore store, DateTimeOffset? from, DateTimeOffset? to, string? verdict)
    {
        if (BuildQuery(from, to, verdict, 1, 1) is not { } query)
        {
            return InvalidQuery();
        }

        return TypedResults.Stream(
            async stream =>
            {
                await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                await writer.WriteLineAsync("id,received_at,image_sha256,image_bytes,models,denomination,denomination_probability,verdict,verdict_probability,latency_ms,client_address").ConfigureAwait(false);
                await foreach (var r in store.ExportAsync(query, CancellationToken.None).ConfigureAwait(false))
                {
                    await writer.WriteLineAsync(string.Join(
                        ',',
                        r.Id.ToString(),
                        r.ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                        r.ImageSha256,
                        r.ImageBytes.ToString(CultureInfo.InvariantCulture),
                        Csv(r.Models),
                        Csv(r.Denomination),
                        Number(r.DenominationProbability),
                        Csv(r.Verdict),
                        Number(r.VerdictProbability),
                        Number(r.LatencyMs),
                        Csv(r.ClientAddress))).ConfigureAwait(false);
                }
            },
            "text/csv; charset=utf-8",
            "inspections.csv");
    }

    internal static ProblemHttpResult NoModels() =>
        TypedResults.Problem("No models loaded: the service has no banknote inspector configured.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "no models loaded");

    private static AuditQuery? BuildQuery(DateTimeOffset? from, DateTimeOffset? to, string? verdict, int? page, int? pageSize)
    {
        if (verdict is not (null or "genuine" or "counterfeit") || page is < 1 || pageSize is < 1 or > AuditQuery.MaxPageSize || (from > to))
        {
            return null;
        }

        return new AuditQuery(from, to, verdict, page ?? 1, pageSize ?? 50);
    }

    private static ProblemHttpResult InvalidQuery() => TypedResults.Problem(
        $"Query parameters: verdict must be 'genuine' or 'counterfeit', page at least 1, page_size 1 to {AuditQuery.MaxPageSize}, from not after to (ISO 8601 times).",
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid query");

    private static InspectionResource ToResource(AuditRecord record, JsonOptionsAccessor json) =>
        ToResource(record, JsonSerializer.Deserialize<InspectionResult>(record.ResultJson, json.Options)
            ?? throw new InvalidDataException($"Audit record {record.Id} has an empty result."));

    private static InspectionResource ToResource(AuditRecord record, InspectionResult result) => new(
        record.Id,
        record.ReceivedAt,
        record.ImageSha256,
        record.ImageBytes,
        result.Denomination,
        result.Authenticity,
        result.TimingMs,
        result.Models,
        result.Notes ?? [],
        record.LatencyMs,
        record.ClientAddress);

    private static string VerdictName(CounterfeitVerdict verdict) => verdict == CounterfeitVerdict.Genuine ? "genuine" : "counterfeit";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    // RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula.
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>The service's JSON options (snake_case), for serializing results into the audit log the same way the API writes them.</summary>
internal sealed class JsonOptionsAccessor(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> options)
{
    public JsonSerializerOptions Options { get; } = options.Value.SerializerOptions;
}
