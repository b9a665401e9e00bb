using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NoteGuard.Web.Options;

namespace NoteGuard.Web.Security;

/// <summary>
/// When API keys are configured, answers 401 (ProblemDetails) to any <c>/api</c> request without a valid key in
/// <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. Keys are compared as SHA-256 digests in constant time.
/// The page, the OpenAPI document and the health endpoints stay open.
/// </summary>
internal sealed class ApiKeyMiddleware
{
    public const string HeaderName = "X-Api-Key";

    private readonly RequestDelegate _next;
    private readonly byte[][] _keyDigests;

    public ApiKeyMiddleware(RequestDelegate next, IOptions<NoteGuardWebOptions> options)
    {
        _next = next;
        _keyDigests = [.. options.Value.ApiKeys.Where(k => !string.IsNullOrEmpty(k)).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (_keyDigests.Length == 0 || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || IsValid(Presented(context.Request)))
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        await Problems.WriteAsync(
            context,
            StatusCodes.Status401Unauthorized,
            "API key required",
            $"This service requires an API key: send it in the {HeaderName} header or as 'Authorization: Bearer KEY'.").ConfigureAwait(false);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var key) && key.Count == 1)
        {
            return key[0];
        }

        string? authorization = request.Headers.Authorization;
        const string Bearer = "Bearer ";
        return authorization is not null && authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? authorization[Bearer.Length..].Trim() : null;
    }

    private bool IsValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), digest);
        bool valid = false;
        foreach (byte[] key in _keyDigests)
        {
            valid |= CryptographicOperations.FixedTimeEquals(digest, key);
        }

        return valid;
    }
}
