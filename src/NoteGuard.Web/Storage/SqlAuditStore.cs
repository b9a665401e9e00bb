using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace NoteGuard.Web.Storage;

/// <summary>
/// The SQL shared by the SQLite and PostgreSQL stores; subclasses open connections, convert ids and times to their
/// column types and take the migration lock. Every statement uses parameters, never string-built values.
/// </summary>
internal abstract class SqlAuditStore : IAuditStore
{
    private const string Columns =
        "id, received_at, image_sha256, image_bytes, models, denomination, denomination_probability, verdict, verdict_probability, result_json, latency_ms, client_address";

    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;

    public abstract string Provider { get; }

    protected abstract IReadOnlyList<string> Migrations { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO inspections ({Columns}) VALUES (@id, @received_at, @image_sha256, @image_bytes, @models, @denomination, " +
            "@denomination_probability, @verdict, @verdict_probability, @result_json, @latency_ms, @client_address)";
        Add(command, "id", IdValue(record.Id));
        Add(command, "received_at", TimeValue(record.ReceivedAt));
        Add(command, "image_sha256", record.ImageSha256);
        Add(command, "image_bytes", record.ImageBytes);
        Add(command, "models", record.Models);
        Add(command, "denomination", record.Denomination);
        Add(command, "denomination_probability", record.DenominationProbability);
        Add(command, "verdict", record.Verdict);
        Add(command, "verdict_probability", record.VerdictProbability);
        Add(command, "result_json", record.ResultJson);
        Add(command, "latency_ms", record.LatencyMs);
        Add(command, "client_address", record.ClientAddress);

        // Autocommit: the statement's implicit transaction is committed (and, with synchronous=FULL / fsync on,
        // durable) when ExecuteNonQuery returns, before the caller answers the client.
        await WriteAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AuditRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inspections WHERE id = @id";
        Add(command, "id", IdValue(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        long total;
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM inspections" + Where(count, query);
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inspections{Where(command, query)} ORDER BY received_at DESC, id DESC LIMIT @limit OFFSET @offset";
        Add(command, "limit", query.PageSize);
        Add(command, "offset", query.Offset);
        var items = new List<AuditRecord>(query.PageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(Read(reader));
        }

        return new AuditPage(items, total);
    }

    public async IAsyncEnumerable<AuditRecord> ExportAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inspections{Where(command, query)} ORDER BY received_at, id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM schema_version";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>The schema version recorded in the database (0 for a new one).</summary>
    internal async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Starts the migration transaction, holding whatever lock keeps two processes from migrating at once.</summary>
    protected abstract ValueTask<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    protected virtual Task WriteAsync(DbCommand command, CancellationToken cancellationToken) => command.ExecuteNonQueryAsync(cancellationToken);

    protected abstract object IdValue(Guid id);

    protected abstract object TimeValue(DateTimeOffset time);

    protected abstract Guid ReadId(DbDataReader reader, int ordinal);

    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    protected static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = AuditSchema.CreateVersionTable;
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int version;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT MAX(version) FROM schema_version";
            var value = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            version = value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
        }

        if (version > Migrations.Count)
        {
            throw new InvalidOperationException(AuditSchema.TooNew(version));
        }

        for (int i = version; i < Migrations.Count; i++)
        {
            await using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Migrations[i];
            await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (version < Migrations.Count)
        {
            await using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (@version)";
            Add(write, "version", Migrations.Count);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private string Where(DbCommand command, AuditQuery query)
    {
        var where = new StringBuilder();
        if (query.From is { } from)
        {
            where.Append(" AND received_at >= @from");
            Add(command, "from", TimeValue(from));
        }

        if (query.To is { } to)
        {
            where.Append(" AND received_at < @to");
            Add(command, "to", TimeValue(to));
        }

        if (query.Verdict is { } verdict)
        {
            where.Append(" AND verdict = @verdict");
            Add(command, "verdict", verdict);
        }

        return where.Length == 0 ? string.Empty : " WHERE" + where.ToString(4, where.Length - 4);
    }

    private AuditRecord Read(DbDataReader reader) => new(
        ReadId(reader, 0),
        ReadTime(reader, 1),
        reader.GetString(2),
        reader.GetInt64(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetDouble(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetDouble(8),
        reader.GetString(9),
        reader.GetDouble(10),
        reader.IsDBNull(11) ? null : reader.GetString(11));
}
