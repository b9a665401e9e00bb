namespace NoteGuard.Web.Options;

/// <summary>
/// Settings of the web service, bound from the configuration section <c>NoteGuard</c> (appsettings.json,
/// environment variables such as <c>NoteGuard__MaxUploadBytes</c>, or command-line <c>--NoteGuard:MaxUploadBytes=...</c>).
/// </summary>
public sealed class NoteGuardWebOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "NoteGuard";

    /// <summary>Largest accepted image upload, in bytes (default 20 MB). Larger requests are answered 413.</summary>
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// API keys; when any is set, every <c>/api</c> request must carry one in the <c>X-Api-Key</c> header
    /// (or <c>Authorization: Bearer KEY</c>) or is answered 401. Empty by default.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>
    /// Allows binding to a non-loopback address without an API key. Off by default: the service then refuses to start,
    /// because anyone on the network could use it and fill its audit log.
    /// </summary>
    public bool AllowRemoteWithoutApiKey { get; set; }

    /// <summary>Request rate limit per client address for the POST endpoints.</summary>
    public RateLimitSettings RateLimit { get; set; } = new();

    /// <summary>Where inspections are recorded.</summary>
    public AuditSettings Audit { get; set; } = new();

    /// <summary>The bundled UCI wavelet-feature model for <c>POST /api/v1/features/wavelet</c>.</summary>
    public WaveletSettings Wavelet { get; set; } = new();
}

/// <summary>A fixed-window rate limit per client address.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Requests allowed per window and client (default 1000); 0 or less turns the limit off.</summary>
    public int PermitLimit { get; set; } = 1000;

    /// <summary>Window length in seconds (default 10, at least 1).</summary>
    public int WindowSeconds { get; set; } = 10;
}

/// <summary>The audit store: PostgreSQL when <see cref="PostgresConnectionString"/> is set, else an embedded SQLite file.</summary>
public sealed class AuditSettings
{
    /// <summary>Path of the SQLite file (default <c>~/.local/share/NoteGuard/audit.db</c>); its folder is created.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>An Npgsql connection string, e.g. <c>Host=127.0.0.1;Username=noteguard;Password=...;Database=noteguard</c>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The SQLite path in effect.</summary>
    public string ResolvedSqlitePath => string.IsNullOrWhiteSpace(SqlitePath)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "NoteGuard", "audit.db")
        : SqlitePath;
}

/// <summary>The wavelet-feature model (seed 003).</summary>
public sealed class WaveletSettings
{
    /// <summary>Path of a NoteGuard tabular model file (<c>.ngm</c>, kind <c>svm</c>) trained on the UCI banknote data; unset answers 503.</summary>
    public string? ModelPath { get; set; }

    /// <summary>The model's label for genuine notes (default <c>0</c>: class 0 of the UCI data is genuine); any other label is counterfeit.</summary>
    public string GenuineLabel { get; set; } = "0";
}
