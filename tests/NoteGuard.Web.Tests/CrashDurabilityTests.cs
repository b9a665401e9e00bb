using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using NoteGuard.Web.Storage;
using NoteGuard.Web.TestHost;

namespace NoteGuard.Web.Tests;

/// <summary>
/// The real server (the test host: Kestrel, the test inspector, a temp SQLite file) as a child process on a loopback
/// port; a burst of inspections; SIGKILL in the middle of it; then every id the server answered must be in the store.
/// </summary>
public sealed class CrashDurabilityTests
{
    private const int Clients = 6;
    private const int AnsweredBeforeKill = 60;

    [Fact]
    public async Task Every_acknowledged_inspection_survives_kill_9_mid_burst()
    {
        string dbPath = Path.Combine(Path.GetTempPath(), "noteguard-web-tests", Guid.NewGuid().ToString("N") + ".db");
        int port = FreePort();
        using var server = StartServer(port, dbPath);
        var answered = new List<Guid>();
        int inFlightAtKill;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilAliveAsync(http, server);

            byte[] image = TestImages.Gray(64, 180);
            using var stop = new CancellationTokenSource();
            int inFlight = 0;
            var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var content = new ByteArrayContent(image);
                    content.Headers.ContentType = new MediaTypeHeaderValue(TestImages.GrayType);
                    Interlocked.Increment(ref inFlight);
                    try
                    {
                        using var response = await http.PostAsync("/api/v1/inspections", content, stop.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            // Read fully: an id counts as acknowledged only when the whole answer arrived.
                            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token));
                            var id = Guid.Parse(body.RootElement.GetProperty("id").GetString()!);
                            lock (answered)
                            {
                                answered.Add(id);
                            }
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or JsonException)
                    {
                        // Requests cut off by the kill were never acknowledged.
                        return;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }
            })).ToArray();

            var deadline = Stopwatch.StartNew();
            while (Volatile.Read(ref answered).Count < AnsweredBeforeKill && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(10);
            }

            inFlightAtKill = Volatile.Read(ref inFlight);
            server.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            await server.WaitForExitAsync();
            await Task.WhenAny(Task.WhenAll(clients), Task.Delay(TimeSpan.FromSeconds(30)));
            stop.Cancel();
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }

        Guid[] ids;
        lock (answered)
        {
            ids = [.. answered];
        }

        Assert.True(ids.Length >= AnsweredBeforeKill, $"only {ids.Length} inspections answered before the kill; server output:\n{_output}");
        Assert.True(inFlightAtKill > 0, "no request was in flight when the server was killed, so the test proved nothing");
        var store = new SqliteAuditStore(dbPath);
        var missing = new List<Guid>();
        foreach (var id in ids)
        {
            if (await store.GetAsync(id, default) is null)
            {
                missing.Add(id);
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {ids.Length} acknowledged inspections were lost: {string.Join(", ", missing.Take(5))}");
    }

    private readonly System.Text.StringBuilder _output = new();

    private Process StartServer(int port, string dbPath)
    {
        string dll = TestHostPath();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "exec", dll, "--urls", $"http://127.0.0.1:{port}", $"--NoteGuard:Audit:SqlitePath={dbPath}", "--NoteGuard:RateLimit:PermitLimit=0", "--Logging:LogLevel:Default=Warning" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The test host's own build output (it has its runtimeconfig and deps), else the copy beside the tests.</summary>
    internal static string TestHostPath()
    {
        string beside = typeof(TestBanknoteInspector).Assembly.Location;
        string testsDir = Path.GetDirectoryName(typeof(CrashDurabilityTests).Assembly.Location)!;
        string config = Path.GetFileName(testsDir);
        string own = Path.GetFullPath(Path.Combine(testsDir, "..", "..", "NoteGuard.Web.TestHost", config, "NoteGuard.Web.TestHost.dll"));
        return File.Exists(own) ? own : beside;
    }

    private async Task WaitUntilAliveAsync(HttpClient http, Process server)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(server.HasExited, "the test host exited early:\n" + _output);
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail("the test host did not start within 90 s:\n" + _output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
