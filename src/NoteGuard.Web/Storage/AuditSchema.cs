namespace NoteGuard.Web.Storage;

/// <summary>
/// The audit schema as numbered migrations. A store applies, in one transaction each, every migration above the
/// version recorded in <c>schema_version</c>; a database newer than this code is refused rather than guessed at.
/// </summary>
internal static class AuditSchema
{
    public const string CreateVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";

    /// <summary>Migration i (0-based) brings the schema from version i to i + 1.</summary>
    public static IReadOnlyList<string> Sqlite { get; } =
    [
        """
        CREATE TABLE inspections (
            id TEXT PRIMARY KEY,
            received_at TEXT NOT NULL,
            image_sha256 TEXT NOT NULL,
            image_bytes INTEGER NOT NULL,
            models TEXT NOT NULL,
            denomination TEXT NULL,
            denomination_probability REAL NULL,
            verdict TEXT NULL,
            verdict_probability REAL NULL,
            result_json TEXT NOT NULL,
            latency_ms REAL NOT NULL,
            client_address TEXT NULL
        );
        CREATE INDEX ix_inspections_received_at ON inspections (received_at);
        """,
        "CREATE INDEX ix_inspections_verdict ON inspections (verdict, received_at);",
    ];

    /// <summary>The same migrations in PostgreSQL's dialect.</summary>
    public static IReadOnlyList<string> Postgres { get; } =
    [
        """
        CREATE TABLE inspections (
            id UUID PRIMARY KEY,
            received_at TIMESTAMPTZ NOT NULL,
            image_sha256 TEXT NOT NULL,
            image_bytes BIGINT NOT NULL,
            models TEXT NOT NULL,
            denomination TEXT NULL,
            denomination_probability DOUBLE PRECISION NULL,
            verdict TEXT NULL,
            verdict_probability DOUBLE PRECISION NULL,
            result_json TEXT NOT NULL,
            latency_ms DOUBLE PRECISION NOT NULL,
            client_address TEXT NULL
        );
        CREATE INDEX ix_inspections_received_at ON inspections (received_at);
        """,
        "CREATE INDEX ix_inspections_verdict ON inspections (verdict, received_at);",
    ];

    public static int CurrentVersion => Sqlite.Count;

    public static string TooNew(int found) =>
        $"The audit database has schema version {found}, newer than this NoteGuard understands ({CurrentVersion}); upgrade NoteGuard or use another database.";
}
