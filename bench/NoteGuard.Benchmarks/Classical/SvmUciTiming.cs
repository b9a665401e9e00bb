using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Classical.Svm;

namespace NoteGuard.Benchmarks.Classical;

/// <summary>
/// A stopwatch runner (not BenchmarkDotNet) for the small SVM fit, where BenchmarkDotNet's few invocations mostly
/// time code that tiered compilation has not optimised yet. Same data on both sides: UCI banknote, all 1,372 rows,
/// standardised by NoteGuard's FeatureScaler and handed to the peer as a float64 file; C-SVC RBF, C = 1, gamma = scale,
/// tol 1e-3, shrinking, 200 MB cache.
/// <list type="number">
/// <item>Cold: the first fit of a fresh process, alternating a fresh .NET process (<c>svm-uci-cold</c>: the fit
/// includes JIT compilation; loading the CSV is excluded) and a fresh python process (<c>--uci-cold</c>: imports and
/// loading excluded).</item>
/// <item>Steady state: one long-lived scikit-learn process (<c>--uci-serve</c>) times its own fits in-process with
/// time.perf_counter and time.process_time on exactly the matrix NoteGuard standardised (handed over as a float64
/// file); after a warm-up on both sides, rounds of N .NET fits alternate with
/// rounds of N scikit-learn fits so both see the same machine load. Median and best per side.</item>
/// </list>
/// Usage: <c>dotnet artifacts/bin/NoteGuard.Benchmarks/release/NoteGuard.Benchmarks.dll svm-uci [--fits 20]
/// [--rounds 10] [--warmup 40] [--cold 5]</c>.
/// </summary>
public static class SvmUciTiming
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Runs the comparison; returns 0, or 1 when the data or the peer is missing.</summary>
    public static int Run(string[] args)
    {
        int fits = Option(args, "--fits", 20);
        int rounds = Option(args, "--rounds", 10);
        int warmUp = Option(args, "--warmup", 40);
        int coldRuns = Option(args, "--cold", 5);
        if (!UciBanknoteData.TryLoad(out var x, out int[] y))
        {
            Console.Error.WriteLine($"svm-uci: {UciBanknoteData.CsvPath} not found (set NOTEGUARD_DATA)");
            return 1;
        }

        string peerScript = Path.Combine(UciBanknoteData.RepositoryRoot(), "bench", "peers", "sklearn_svm_bench.py");
        if (!File.Exists(Python) || !File.Exists(peerScript))
        {
            Console.Error.WriteLine($"svm-uci: needs {Python} with scikit-learn and {peerScript}");
            return 1;
        }

        Console.WriteLine($"svm-uci: UCI banknote {x.Rows} x {x.Columns} standardised, all rows; load {LoadAverage()}");

        // The peer fits exactly this matrix (NoteGuard's standardisation), written as float64 rows of features + label.
        string matrixPath = Path.Combine(Path.GetTempPath(), $"noteguard-svm-uci-{Environment.ProcessId}.f64");
        WriteMatrix(matrixPath, x, y);
        try
        {
            return Compare(x, y, peerScript, matrixPath, fits, rounds, warmUp, coldRuns);
        }
        finally
        {
            File.Delete(matrixPath);
        }
    }

    private static int Compare(FeatureMatrix x, int[] y, string peerScript, string matrixPath, int fits, int rounds, int warmUp, int coldRuns)
    {

        // Cold first fits, each in a fresh process, alternating the two sides.
        var coldOurs = new List<double>();
        var coldTheirs = new List<double>();
        var coldJit = new List<double>();
        var coldOursCpu = new List<double>();
        var coldTheirsCpu = new List<double>();
        var coldSecond = new List<double>();
        long jitMethods = 0;
        for (int k = 0; k < coldRuns; k++)
        {
            var cold = RunJson(SelfCommand("svm-uci-cold"));
            coldOurs.Add(cold.GetProperty("cold_fit_ms").GetDouble());
            coldOursCpu.Add(cold.GetProperty("cold_fit_cpu_ms").GetDouble());
            coldJit.Add(cold.GetProperty("jit_ms").GetDouble());
            coldSecond.Add(cold.GetProperty("second_fit_ms").GetDouble());
            jitMethods = cold.GetProperty("jit_methods").GetInt64();
            var peerCold = RunJson(PythonCommand(peerScript, "--uci-cold", "--uci-data", matrixPath));
            coldTheirs.Add(peerCold.GetProperty("cold_fit_ms").GetDouble());
            coldTheirsCpu.Add(peerCold.GetProperty("cold_fit_cpu_ms").GetDouble());
        }

        // Steady state against one long-lived scikit-learn process.
        using var peer = Process.Start(new ProcessStartInfo(Python, [peerScript, "--uci-serve", "--uci-data", matrixPath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        using (var ready = JsonDocument.Parse(peer.StandardOutput.ReadLine()!))
        {
            string ours = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(x.Data)))[..16];
            Console.WriteLine($"input matrix SHA-256: scikit-learn {ready.RootElement.GetProperty("sha256").GetString()}, NoteGuard {ours}");
        }

        var ourWall = new List<double>();
        var ourCpu = new List<double>();
        var theirWall = new List<double>();
        var theirCpu = new List<double>();
        var (ourModel, _, _) = TimedFit(x, y);
        for (int i = 1; i < warmUp; i++)
        {
            TimedFit(x, y);
        }

        var theirModel = Ask(peer, warmUp, [], []);
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < fits; i++)
            {
                (ourModel, double wall, double cpu) = TimedFit(x, y);
                ourWall.Add(wall);
                ourCpu.Add(cpu);
            }

            theirModel = Ask(peer, fits, theirWall, theirCpu);
        }

        peer.StandardInput.WriteLine("quit");
        peer.WaitForExit();

        int theirSupport = theirModel.GetProperty("support_vectors").GetInt32();
        double theirRho = theirModel.GetProperty("rho").GetDouble();
        string version = theirModel.GetProperty("sklearn").GetString() ?? "?";
        double theirGamma = theirModel.GetProperty("gamma").GetDouble();
        Console.WriteLine(Invariant($"support vectors: NoteGuard {ourModel.SupportVectorCount}, scikit-learn {version} {theirSupport}; rho {ourModel.Rho[0]:F9} vs {theirRho:F9}; gamma {ourModel.Gamma:R} vs {theirGamma:R}"));
        Console.WriteLine(Invariant($"steady state: {rounds} rounds x {fits} fits per side after {warmUp} warm-up fits each"));
        Console.WriteLine("| UCI fit | NoteGuard ms | scikit-learn ms | ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("median wall", Median(ourWall), Median(theirWall));
        Row("best wall", ourWall.Min(), theirWall.Min());
        Row("median CPU", Median(ourCpu), Median(theirCpu));
        Row($"cold first fit, median of {coldRuns} fresh processes", Median(coldOurs), Median(coldTheirs));
        Row($"cold first fit, best of {coldRuns}", coldOurs.Min(), coldTheirs.Min());
        Row("cold first fit CPU, median", Median(coldOursCpu), Median(coldTheirsCpu));
        Console.WriteLine(Invariant($"cold .NET fit: median {Median(coldJit):F1} ms of it in the JIT ({jitMethods} methods compiled); second fit of the same process: median {Median(coldSecond):F2} ms"));
        Console.WriteLine($"load at the end: {LoadAverage()}");
        return 0;
    }

    /// <summary>The first fit of this process (JIT included), as one JSON line; with a listener, also every method it compiled.</summary>
    public static int RunCold(bool listJit = false)
    {
        using var listener = listJit ? new JitListener() : null;
        if (!UciBanknoteData.TryLoad(out var x, out int[] y))
        {
            Console.Error.WriteLine($"svm-uci-cold: {UciBanknoteData.CsvPath} not found");
            return 1;
        }

        long methods = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        listener?.Mark();
        var (model, wall, cpu) = TimedFit(x, y);
        listener?.Mark();
        methods = System.Runtime.JitInfo.GetCompiledMethodCount() - methods;
        double jitMs = (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds;
        var (_, second, _) = TimedFit(x, y);
        listener?.Print();
        Console.WriteLine(Invariant($"{{\"cold_fit_ms\": {wall:R}, \"cold_fit_cpu_ms\": {cpu:R}, \"jit_ms\": {jitMs:R}, \"jit_methods\": {methods}, \"second_fit_ms\": {second:R}, \"support_vectors\": {model.SupportVectorCount}}}"));
        return 0;
    }

    private static (SvmClassifier Model, double WallMs, double CpuMs) TimedFit(FeatureMatrix x, int[] y)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        long start = Stopwatch.GetTimestamp();
        var model = SvmClassifier.Fit(x, y, 2, new SvmOptions());
        double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return (model, wall, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
    }

    private static JsonElement Ask(Process peer, int fits, List<double> wall, List<double> cpu)
    {
        peer.StandardInput.WriteLine(Invariant($"fit {fits}"));
        peer.StandardInput.Flush();
        using var reply = JsonDocument.Parse(peer.StandardOutput.ReadLine()!);
        foreach (var v in reply.RootElement.GetProperty("wall_ms").EnumerateArray())
        {
            wall.Add(v.GetDouble());
        }

        foreach (var v in reply.RootElement.GetProperty("cpu_ms").EnumerateArray())
        {
            cpu.Add(v.GetDouble());
        }

        return reply.RootElement.Clone();
    }

    private static ProcessStartInfo SelfCommand(string mode)
    {
        string host = Environment.ProcessPath!;
        string assembly = typeof(SvmUciTiming).Assembly.Location;
        var start = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? new ProcessStartInfo(host, [assembly, mode])
            : new ProcessStartInfo(host, [mode]);
        return start;
    }

    private static ProcessStartInfo PythonCommand(string script, params string[] arguments) => new(Python, [script, .. arguments]);

    private static void WriteMatrix(string path, FeatureMatrix x, int[] y)
    {
        using var writer = new BinaryWriter(File.Create(path));
        for (int r = 0; r < x.Rows; r++)
        {
            foreach (double v in x.Row(r))
            {
                writer.Write(v);
            }

            writer.Write((double)y[r]);
        }
    }

    private static JsonElement RunJson(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        using var document = JsonDocument.Parse(last);
        return document.RootElement.Clone();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private static void Row(string what, double ours, double theirs) =>
        Console.WriteLine(Invariant($"| {what} | {ours:F2} | {theirs:F2} | {ours / theirs:F2} |"));

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Lists methods JIT-compiled (runtime JIT events; diagnostics for the cold fit).</summary>
    private sealed class JitListener : System.Diagnostics.Tracing.EventListener
    {
        private readonly List<(DateTime Time, string Name, bool Start, string Tier)> _events = [];
        private readonly List<DateTime> _marks = [];

        public void Mark()
        {
            Thread.Sleep(200);
            _marks.Add(DateTime.UtcNow);
        }

        public void Print()
        {
            Thread.Sleep(500);
            lock (_events)
            {
                var starts = new Dictionary<string, DateTime>();
                foreach (var e in _events)
                {
                    if (_marks.Count == 2 && (e.Time < _marks[0] || e.Time > _marks[1]))
                    {
                        continue;
                    }

                    if (e.Start)
                    {
                        starts[e.Name] = e.Time;
                    }
                    else if (starts.TryGetValue(e.Name, out var t))
                    {
                        Console.Error.WriteLine(Invariant($"{(e.Time - t).TotalMilliseconds,8:F2} ms {e.Name}{e.Tier}"));
                    }
                }
            }
        }

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x10);
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            if (e.EventName is not ("MethodJittingStarted_V1" or "MethodLoadVerbose_V1" or "MethodLoadVerbose_V2") || e.Payload is null)
            {
                return;
            }

            int ns = e.PayloadNames!.IndexOf("MethodNamespace");
            int name = e.PayloadNames.IndexOf("MethodName");
            int flags = e.PayloadNames.IndexOf("MethodFlags");
            string full = $"{e.Payload[ns]}::{e.Payload[name]}";
            string tier = flags >= 0 ? $" tier {((Convert.ToUInt32(e.Payload[flags], CultureInfo.InvariantCulture) >> 7) & 7)}" : string.Empty;

            lock (_events)
            {
                _events.Add((e.TimeStamp, full, e.EventName.StartsWith("MethodJitting", StringComparison.Ordinal), tier));
            }
        }
    }
}
