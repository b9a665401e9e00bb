namespace NoteGuard.Web.Storage;

/// <summary>
/// The audit log of inspections. <see cref="AppendAsync"/> returns only after the record is committed durably, so an
/// inspection the service has answered is never lost. The schema is created and migrated on first use.
/// Implementations are thread-safe.
/// </summary>
public interface IAuditStore
{
    /// <summary>A short name for health output: <c>sqlite</c> or <c>postgresql</c>.</summary>
    string Provider { get; }

    /// <summary>Creates or migrates the schema if needed; later calls return at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Writes and commits one record. Throws when the store cannot be written.</summary>
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>The record with <paramref name="id"/>, or null.</summary>
    Task<AuditRecord?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>One page of records matching <paramref name="query"/>, newest first, and the total count.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every record matching <paramref name="query"/>'s filters (paging ignored), oldest first.</summary>
    IAsyncEnumerable<AuditRecord> ExportAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>True when the store answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}

/// <summary>One recorded inspection.</summary>
/// <param name="Id">Inspection id (a time-ordered GUID).</param>
/// <param name="ReceivedAt">When the request arrived (UTC).</param>
/// <param name="ImageSha256">Lower-case hex SHA-256 of the uploaded image bytes.</param>
/// <param name="ImageBytes">Size of the uploaded image, in bytes.</param>
/// <param name="Models">The models that ran, as <c>name@version</c> joined by commas.</param>
/// <param name="Denomination">Denomination label, or null.</param>
/// <param name="DenominationProbability">Its probability in [0, 1], or null.</param>
/// <param name="Verdict"><c>genuine</c>, <c>counterfeit</c> or null (no authenticity model).</param>
/// <param name="VerdictProbability">Its probability in [0, 1], or null.</param>
/// <param name="ResultJson">The full inspection result as JSON (snake_case).</param>
/// <param name="LatencyMs">Time from receiving the request to having the result, in milliseconds.</param>
/// <param name="ClientAddress">The client's IP address, or null when unknown.</param>
public sealed record AuditRecord(
    Guid Id,
    DateTimeOffset ReceivedAt,
    string ImageSha256,
    long ImageBytes,
    string Models,
    string? Denomination,
    double? DenominationProbability,
    string? Verdict,
    double? VerdictProbability,
    string ResultJson,
    double LatencyMs,
    string? ClientAddress);

/// <summary>Filters and paging for <see cref="IAuditStore.QueryAsync"/>.</summary>
/// <param name="From">Inclusive lower bound on the receive time, or null.</param>
/// <param name="To">Exclusive upper bound on the receive time, or null.</param>
/// <param name="Verdict"><c>genuine</c> or <c>counterfeit</c>, or null for all.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Records per page, 1 to <see cref="MaxPageSize"/>.</param>
public sealed record AuditQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Verdict = null, int Page = 1, int PageSize = 50)
{
    /// <summary>Largest page size.</summary>
    public const int MaxPageSize = 500;

    internal int Offset => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize);
}

/// <summary>A page of records, newest first.</summary>
/// <param name="Items">The records of this page.</param>
/// <param name="Total">Records matching the filters over all pages.</param>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, long Total);
