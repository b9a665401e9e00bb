using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Web.TestHost;

namespace NoteGuard.Web.Tests;

/// <summary>
/// The service in memory with a temporary SQLite audit file, the test inspector (unless <c>withInspector</c> is false)
/// and extra configuration settings.
/// </summary>
public sealed class WebFactory : WebApplicationFactory<Program>
{
    private readonly bool _withInspector;
    private readonly Dictionary<string, string> _settings;

    public WebFactory(bool withInspector = true, params (string Key, string Value)[] settings)
    {
        _withInspector = withInspector;
        AuditPath = Path.Combine(Path.GetTempPath(), "noteguard-web-tests", Guid.NewGuid().ToString("N") + ".db");
        _settings = settings.ToDictionary(s => s.Key, s => s.Value);
        _settings.TryAdd("NoteGuard:Audit:SqlitePath", AuditPath);
    }

    public string AuditPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services =>
        {
            if (_withInspector)
            {
                services.AddSingleton<IBanknoteInspector, TestBanknoteInspector>();
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (string suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(AuditPath + suffix);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>Small images made in memory.</summary>
public static class TestImages
{
    /// <summary>The content type of <see cref="Gray"/>.</summary>
    public const string GrayType = "image/x-portable-graymap";

    /// <summary>A <paramref name="size"/>×<paramref name="size"/> binary PGM (P5) of constant <paramref name="value"/>.</summary>
    public static byte[] Gray(int size = 16, byte value = 200)
    {
        byte[] header = System.Text.Encoding.ASCII.GetBytes($"P5\n{size} {size}\n255\n");
        byte[] data = new byte[header.Length + size * size];
        header.CopyTo(data, 0);
        data.AsSpan(header.Length).Fill(value);
        return data;
    }
}
