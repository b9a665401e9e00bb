using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

// Usage:
//   dotnet run -c Release --project bench/NoteGuard.LoadClient -- --image IMG.jpg [--url http://127.0.0.1:5000]
//       [--clients 8] [--seconds 60] [--server-pid PID] [--start DLL] [--api-key KEY]
// --start DLL launches that service (e.g. the test host) on a free loopback port with a fresh SQLite audit file and
// the rate limit off, samples its resident memory every second, and stops it afterwards.
var options = LoadOptions.Parse(args);
byte[] image = File.ReadAllBytes(options.Image);
Process? server = null;
string url = options.Url;
if (options.Start is not null)
{
    int port = FreePort();
    url = $"http://127.0.0.1:{port}";
    string db = Path.Combine(Path.GetTempPath(), "noteguard-load-" + Guid.NewGuid().ToString("N") + ".db");
    var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (string a in new[] { "exec", options.Start, "--urls", url, $"--NoteGuard:Audit:SqlitePath={db}", "--NoteGuard:RateLimit:PermitLimit=0", "--Logging:LogLevel:Default=Warning" })
    {
        info.ArgumentList.Add(a);
    }

    server = Process.Start(info)!;
    server.OutputDataReceived += (_, _) => { };
    server.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("server: " + e.Data); } };
    server.BeginOutputReadLine();
    server.BeginErrorReadLine();
    Console.Error.WriteLine($"started {options.Start} (pid {server.Id}) on {url}, audit {db}");
}

int? pid = server?.Id ?? options.ServerPid;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
if (options.ApiKey is not null)
{
    http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
}

await WaitAliveAsync(http);

// Warm-up: JIT, connection pool, SQLite page cache.
for (int i = 0; i < 50; i++)
{
    using var warm = await PostAsync(http, image);
}

var latencies = new List<double>[options.Clients];
var ids = new List<string>[options.Clients];
long errors = 0;
var memory = new List<(double Seconds, long RssBytes)>();
var clock = Stopwatch.StartNew();
var end = TimeSpan.FromSeconds(options.Seconds);
var sampler = Task.Run(async () =>
{
    while (clock.Elapsed < end)
    {
        if (pid is int p && Rss(p) is long rss)
        {
            lock (memory)
            {
                memory.Add((clock.Elapsed.TotalSeconds, rss));
            }
        }

        await Task.Delay(1000);
    }
});

var clients = Enumerable.Range(0, options.Clients).Select(c => Task.Run(async () =>
{
    latencies[c] = new List<double>(1 << 14);
    ids[c] = new List<string>(1 << 14);
    while (clock.Elapsed < end)
    {
        long t0 = Stopwatch.GetTimestamp();
        try
        {
            using var response = await PostAsync(http, image);
            string body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Interlocked.Increment(ref errors);
                continue;
            }

            latencies[c].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            using var json = JsonDocument.Parse(body);
            ids[c].Add(json.RootElement.GetProperty("id").GetString()!);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            Interlocked.Increment(ref errors);
        }
    }
})).ToArray();

await Task.WhenAll(clients);
double elapsed = clock.Elapsed.TotalSeconds;
await sampler;

var all = latencies.SelectMany(l => l).Order().ToArray();
var answered = ids.SelectMany(i => i).ToArray();

// Every acknowledged id must be in the audit log.
long lost = 0;
foreach (var chunk in answered.Chunk(options.Clients * 4))
{
    var checks = await Task.WhenAll(chunk.Select(async id =>
    {
        using var r = await http.GetAsync($"/api/v1/inspections/{id}");
        return r.StatusCode == HttpStatusCode.OK;
    }));
    lost += checks.Count(ok => !ok);
}

string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
Console.WriteLine($"image: {options.Image} ({image.Length} bytes), clients: {options.Clients}, duration: {F(elapsed)} s");
Console.WriteLine($"inspections: {all.Length}, throughput: {F(all.Length / elapsed)}/s, errors: {errors}, lost audit rows: {lost}");
if (all.Length > 0)
{
    Console.WriteLine($"latency ms: p50 {F(Percentile(all, 0.50))}, p90 {F(Percentile(all, 0.90))}, p99 {F(Percentile(all, 0.99))}, max {F(all[^1])}");
}

if (memory.Count > 0)
{
    var mb = memory.Select(m => m.RssBytes / 1048576.0).ToArray();
    int third = Math.Max(1, mb.Length / 3);
    Console.WriteLine($"server RSS MB: first {F(mb[0])}, min {F(mb.Min())}, max {F(mb.Max())}, last {F(mb[^1])}, " +
        $"mean of first third {F(mb.Take(third).Average())}, mean of last third {F(mb.TakeLast(third).Average())}");
}

if (server is not null)
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
}

return errors == 0 && lost == 0 ? 0 : 1;

static async Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] image)
{
    var content = new ByteArrayContent(image);
    content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
    return await http.PostAsync("/api/v1/inspections", content);
}

static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

static long? Rss(int pid)
{
    try
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
    }
    catch (IOException)
    {
    }

    return null;
}

static async Task WaitAliveAsync(HttpClient http)
{
    for (int i = 0; i < 600; i++)
    {
        try
        {
            using var r = await http.GetAsync("/health");
            if (r.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(200);
    }

    throw new TimeoutException("the service did not answer /health within 120 s");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal sealed record LoadOptions(string Image, string Url, int Clients, int Seconds, int? ServerPid, string? Start, string? ApiKey)
{
    public static LoadOptions Parse(string[] args)
    {
        string? Get(string name) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        string image = Get("--image") ?? throw new ArgumentException("--image IMG.jpg is required (e.g. a 512×512 JPEG).");
        return new LoadOptions(
            image,
            Get("--url") ?? "http://127.0.0.1:5000",
            int.Parse(Get("--clients") ?? "8", CultureInfo.InvariantCulture),
            int.Parse(Get("--seconds") ?? "60", CultureInfo.InvariantCulture),
            Get("--server-pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : null,
            Get("--start"),
            Get("--api-key"));
    }
}
