using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NoteGuard.Imaging;
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
    /// <summary>A <paramref name="size"/>×<paramref name="size"/> gray PNG of constant <paramref name="value"/>.</summary>
    public static byte[] Png(int size = 16, byte value = 200)
    {
        using var image = Image.Create(size, size, PixelFormat.Gray8);
        for (int y = 0; y < size; y++)
        {
            image.GetRow(y).Fill(value);
        }

        using var stream = new MemoryStream();
        ImageCodec.EncodePng(image, stream);
        return stream.ToArray();
    }
}
