using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using NoteGuard.Web.Endpoints;
using NoteGuard.Web.Features;
using NoteGuard.Web.Options;
using NoteGuard.Web.Security;
using NoteGuard.Web.Storage;

namespace NoteGuard.Web;

/// <summary>
/// Builds the NoteGuard web service. <c>noteguard serve</c> and the service's own entry point both call
/// <see cref="Create"/>; a host that has models registers its <see cref="Inspection.Inspections.IBanknoteInspector"/>
/// through the <c>configureServices</c> callback (without one, inspections answer 503 "no models loaded").
/// </summary>
public static class NoteGuardWebApplication
{
    /// <summary>
    /// Creates the application from command-line arguments (<c>--urls</c>, <c>--NoteGuard:Key=value</c>) and configuration.
    /// Throws <see cref="BindingRefusedException"/> when asked to listen on a non-loopback address without an API key
    /// and without <see cref="NoteGuardWebOptions.AllowRemoteWithoutApiKey"/>.
    /// </summary>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, BindingPolicy.DefaultUrls);
        }

        var services = builder.Services;
        services.AddOptions<NoteGuardWebOptions>().Bind(builder.Configuration.GetSection(NoteGuardWebOptions.SectionName));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddSingleton<JsonOptionsAccessor>();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddSingleton<IAuditStore>(sp => CreateStore(sp.GetRequiredService<IOptions<NoteGuardWebOptions>>().Value.Audit));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests", "The rate limit for this client address is exhausted; retry later.").ConfigureAwait(false);
            };
            limiter.AddPolicy(InspectionsApi.RateLimitPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<NoteGuardWebOptions>>().Value.RateLimit;
                string client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return settings.PermitLimit <= 0
                    ? RateLimitPartition.GetNoLimiter(client)
                    : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = settings.PermitLimit,
                        Window = TimeSpan.FromSeconds(Math.Max(1, settings.WindowSeconds)),
                        QueueLimit = 0,
                    });
            });
        });
        // Null (no model) unless NoteGuard:Wavelet:ModelPath is set.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NoteGuardWebOptions>>().Value.Wavelet is { ModelPath: { Length: > 0 } path } wavelet
            ? (IWaveletClassifier)new TabularWaveletClassifier(path, wavelet.GenuineLabel)
            : null!);
        configureServices?.Invoke(services);

        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<NoteGuardWebOptions>>().Value;
        string urls = app.Configuration[WebHostDefaults.ServerUrlsKey] ?? BindingPolicy.DefaultUrls;
        if (BindingPolicy.Check(urls, options.ApiKeys.Any(k => !string.IsNullOrEmpty(k)), options.AllowRemoteWithoutApiKey) is { } refusal)
        {
            throw new BindingRefusedException(refusal);
        }

        // Loaded at start-up so that a wrong path or a corrupt model file stops the service with a clear message.
        _ = app.Services.GetService<IWaveletClassifier>();

        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleExceptionAsync });
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();

        var page = new EmbeddedFileProvider(typeof(NoteGuardWebApplication).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = page,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapInspectionsApi();
        app.MapModelsApi();
        app.MapFeaturesApi();
        app.MapHealthApi();
        return app;
    }

    private static IAuditStore CreateStore(AuditSettings settings) =>
        string.IsNullOrWhiteSpace(settings.PostgresConnectionString)
            ? new SqliteAuditStore(settings.ResolvedSqlitePath)
            : new PostgresAuditStore(settings.PostgresConnectionString);

    // Whatever escapes an endpoint still ends as ProblemDetails: malformed requests as 400, the rest as 500 without internals.
    private static async Task HandleExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, title, detail) = error switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", Problems.OneLine(bad.Message)),
            JsonException json => (StatusCodes.Status400BadRequest, "Bad request", Problems.OneLine(json.Message)),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server failed to process the request; see its log."),
        };
        await Problems.WriteAsync(context, status, title, detail).ConfigureAwait(false);
    }
}
