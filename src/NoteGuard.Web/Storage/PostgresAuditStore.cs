using System.Data.Common;
using Npgsql;

namespace NoteGuard.Web.Storage;

/// <summary>
/// The audit log in PostgreSQL (used when a connection string is configured). Each insert autocommits; PostgreSQL's
/// default <c>synchronous_commit=on</c> makes it durable before the call returns.
/// </summary>
internal sealed class PostgresAuditStore : SqlAuditStore, IAsyncDisposable, IDisposable
{
    // Any fixed number: the advisory lock that serialises migrations between processes.
    private const long MigrationLockKey = 0x4E6F74654775;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresAuditStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override string Provider => "postgresql";

    protected override IReadOnlyList<string> Migrations => AuditSchema.Postgres;

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
        Add(command, "key", MigrationLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    protected override object IdValue(Guid id) => id;

    protected override object TimeValue(DateTimeOffset time) => time.ToUniversalTime();

    protected override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
