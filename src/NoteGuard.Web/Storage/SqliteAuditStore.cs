using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace NoteGuard.Web.Storage;

/// <summary>
/// The audit log in an embedded SQLite file: WAL journal, <c>synchronous=FULL</c> so a committed row survives a crash
/// of the process or the machine, writers serialised in-process (SQLite has one writer at a time anyway).
/// </summary>
internal sealed class SqliteAuditStore : SqlAuditStore
{
    private static readonly Lazy<bool> s_nativeReady = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteAuditStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _ = s_nativeReady.Value;
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public override string Provider => "sqlite";

    protected override IReadOnlyList<string> Migrations => AuditSchema.Sqlite;

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        string? folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();

            // journal_mode is stored in the file; synchronous and busy_timeout are per connection.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override ValueTask<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // An immediate transaction takes the write lock up front, so two processes never migrate at once.
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    protected override async Task WriteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    protected override object IdValue(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    // Fixed-width UTC text sorts in time order, so the index on received_at serves range queries.
    protected override object TimeValue(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    protected override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
