using System.Net;

namespace NoteGuard.Web.Security;

/// <summary>
/// Refuses to listen on a non-loopback address without an API key unless explicitly allowed: an open inspection
/// service on a network would let anyone use it and fill its audit log.
/// </summary>
internal static class BindingPolicy
{
    /// <summary>The address used when no <c>--urls</c> is given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Returns null when the URLs are acceptable, else the message explaining the refusal.</summary>
    public static string? Check(string urls, bool hasApiKey, bool allowRemoteWithoutApiKey)
    {
        if (hasApiKey || allowRemoteWithoutApiKey)
        {
            return null;
        }

        var remote = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();
        return remote.Count == 0
            ? null
            : $"Refusing to listen on {string.Join(", ", remote)} without an API key: anyone who can reach that address could use the service. " +
              "Configure a key (NoteGuard__ApiKeys__0=...), bind to 127.0.0.1, or set NoteGuard__AllowRemoteWithoutApiKey=true to allow it explicitly.";
    }

    /// <summary>True for URLs whose host is localhost, 127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopback(string url)
    {
        // Kestrel's wildcard hosts ("*", "+") are not valid URI hosts; they mean every address.
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        string rest = scheme >= 0 ? url[(scheme + 3)..] : url;
        if (rest.StartsWith('*') || rest.StartsWith('+'))
        {
            return false;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
