using Microsoft.Data.Sqlite;
using Npgsql;
using NoteGuard.Web.Storage;

namespace NoteGuard.Web.Tests;

/// <summary>Runs only when NOTEGUARD_TEST_POSTGRES holds a connection string (tests/ci/start-postgres.sh prints one).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(AuditStores.PostgresConnectionString))
        {
            Skip = "PostgreSQL not reachable: set NOTEGUARD_TEST_POSTGRES to a connection string (tests/ci/start-postgres.sh starts one).";
        }
    }
}

/// <summary>Fresh, isolated stores: a temp SQLite file, or a new schema in the test PostgreSQL database.</summary>
public static class AuditStores
{
    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("NOTEGUARD_TEST_POSTGRES");

    /// <summary>"sqlite" always, "postgresql" when a test server is configured.</summary>
    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (!string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            data.Add("postgresql");
        }

        return data;
    }

    internal static SqlAuditStore Create(string provider, out string location)
    {
        if (provider == "sqlite")
        {
            location = Path.Combine(Path.GetTempPath(), "noteguard-web-tests", Guid.NewGuid().ToString("N") + ".db");
            return new SqliteAuditStore(location);
        }

        string schema = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(PostgresConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            command.ExecuteNonQuery();
        }

        location = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { SearchPath = schema }.ToString();
        return new PostgresAuditStore(location);
    }

    internal static SqlAuditStore Reopen(string provider, string location) =>
        provider == "sqlite" ? new SqliteAuditStore(location) : new PostgresAuditStore(location);

    internal static AuditRecord Record(DateTimeOffset at, string? verdict = "genuine", string models = "m@1") => new(
        Guid.CreateVersion7(at),
        at,
        new string('a', 64),
        1234,
        models,
        "100000",
        0.9,
        verdict,
        verdict is null ? null : 0.75,
        """{"denomination":null,"authenticity":null,"timing_ms":{"decode":1,"preprocess":0,"infer":0,"total":1},"models":[]}""",
        12.5,
        "127.0.0.1");
}

public sealed class AuditStoreTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(AuditStores.Providers), MemberType = typeof(AuditStores))]
    public async Task Schema_is_created_at_the_current_version_and_reopening_keeps_it(string provider)
    {
        var store = AuditStores.Create(provider, out string location);
        await store.InitializeAsync(default);
        Assert.Equal(AuditSchema.CurrentVersion, await store.SchemaVersionAsync(default));
        var record = AuditStores.Record(s_t0);
        await store.AppendAsync(record, default);

        var reopened = AuditStores.Reopen(provider, location);
        await reopened.InitializeAsync(default);
        Assert.Equal(AuditSchema.CurrentVersion, await reopened.SchemaVersionAsync(default));
        Assert.Equal(record, await reopened.GetAsync(record.Id, default));
    }

    [Theory]
    [MemberData(nameof(AuditStores.Providers), MemberType = typeof(AuditStores))]
    public async Task Append_then_get_round_trips_every_field_including_nulls(string provider)
    {
        var store = AuditStores.Create(provider, out _);
        var full = AuditStores.Record(s_t0.AddTicks(1234560));
        var sparse = AuditStores.Record(s_t0.AddSeconds(1), verdict: null) with { Denomination = null, DenominationProbability = null, ClientAddress = null };
        await store.AppendAsync(full, default);
        await store.AppendAsync(sparse, default);
        Assert.Equal(full, await store.GetAsync(full.Id, default));
        Assert.Equal(sparse, await store.GetAsync(sparse.Id, default));
        Assert.Null(await store.GetAsync(Guid.NewGuid(), default));
        Assert.True(await store.PingAsync(default));
    }

    [Theory]
    [MemberData(nameof(AuditStores.Providers), MemberType = typeof(AuditStores))]
    public async Task Query_filters_by_time_and_verdict_pages_newest_first_and_export_is_oldest_first(string provider)
    {
        var store = AuditStores.Create(provider, out _);
        var records = Enumerable.Range(0, 7).Select(i => AuditStores.Record(s_t0.AddMinutes(i), i % 3 == 0 ? "counterfeit" : "genuine")).ToList();
        foreach (var r in records)
        {
            await store.AppendAsync(r, default);
        }

        var page1 = await store.QueryAsync(new AuditQuery(Page: 1, PageSize: 3), default);
        Assert.Equal(7, page1.Total);
        Assert.Equal([records[6].Id, records[5].Id, records[4].Id], page1.Items.Select(r => r.Id));
        var page3 = await store.QueryAsync(new AuditQuery(Page: 3, PageSize: 3), default);
        Assert.Equal([records[0].Id], page3.Items.Select(r => r.Id));

        var window = await store.QueryAsync(new AuditQuery(From: s_t0.AddMinutes(2), To: s_t0.AddMinutes(5)), default);
        Assert.Equal([records[4].Id, records[3].Id, records[2].Id], window.Items.Select(r => r.Id));

        var counterfeit = await store.QueryAsync(new AuditQuery(Verdict: "counterfeit"), default);
        Assert.Equal(3, counterfeit.Total);

        var exported = new List<Guid>();
        await foreach (var r in store.ExportAsync(new AuditQuery(Verdict: "genuine"), default))
        {
            exported.Add(r.Id);
        }

        Assert.Equal(records.Where((_, i) => i % 3 != 0).Select(r => r.Id), exported);
    }

    [Theory]
    [MemberData(nameof(AuditStores.Providers), MemberType = typeof(AuditStores))]
    public async Task Concurrent_appends_are_all_stored(string provider)
    {
        var store = AuditStores.Create(provider, out _);
        var records = Enumerable.Range(0, 40).Select(i => AuditStores.Record(s_t0.AddMilliseconds(i))).ToList();
        await Task.WhenAll(records.Select(r => Task.Run(() => store.AppendAsync(r, default))));
        Assert.Equal(40, (await store.QueryAsync(new AuditQuery(), default)).Total);
    }

    [Fact]
    public async Task Sqlite_is_in_wal_mode_with_full_sync()
    {
        var store = AuditStores.Create("sqlite", out string path);
        await store.AppendAsync(AuditStores.Record(s_t0), default);
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Sqlite_version_1_database_is_migrated_with_its_rows_kept()
    {
        string path = Path.Combine(Path.GetTempPath(), "noteguard-web-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = AuditSchema.CreateVersionTable + ";" + AuditSchema.Sqlite[0] +
                "INSERT INTO schema_version VALUES (1);" +
                "INSERT INTO inspections VALUES ('0195f0c4-0000-7000-8000-000000000001', '2026-01-01T00:00:00.0000000Z', 'ab', 1, 'm@1', NULL, NULL, 'genuine', 0.9, '{}', 1.0, NULL);";
            command.ExecuteNonQuery();
        }

        var store = new SqliteAuditStore(path);
        await store.InitializeAsync(default);
        Assert.Equal(2, await store.SchemaVersionAsync(default));
        Assert.NotNull(await store.GetAsync(Guid.Parse("0195f0c4-0000-7000-8000-000000000001"), default));

        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var index = check.CreateCommand();
        index.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_inspections_verdict'";
        Assert.Equal(1L, index.ExecuteScalar());
    }

    [Fact]
    public async Task Sqlite_database_from_a_newer_version_is_refused()
    {
        string path = Path.Combine(Path.GetTempPath(), "noteguard-web-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = AuditSchema.CreateVersionTable + "; INSERT INTO schema_version VALUES (99);";
            command.ExecuteNonQuery();
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new SqliteAuditStore(path).InitializeAsync(default));
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Postgres_store_is_reachable_and_migrates()
    {
        var store = AuditStores.Create("postgresql", out _);
        Assert.True(await store.PingAsync(default));
        Assert.Equal(AuditSchema.CurrentVersion, await store.SchemaVersionAsync(default));
    }
}
