using System.Diagnostics;
using NoteGuard.TestUtilities;
using Xunit.Abstractions;

namespace NoteGuard.Web.Tests;

/// <summary>
/// Runs the page's JavaScript tests (tests/browser: the stability filter's unit tests and the real-browser test with
/// Debian's chromium, playwright-core and axe-core) as part of <c>dotnet test</c>. Under CI (<c>CI=true</c>, where
/// <c>.ci/run</c> installs chromium) missing tools are a failure; on a developer machine without chromium or node the
/// test reports why it did not run.
/// </summary>
public sealed class BrowserPageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(6);

    [Fact]
    public void PageTestsPassInARealBrowser()
    {
        string folder = Path.Combine(TestPaths.RepoRoot, "tests", "browser");
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        string? missing = !File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium (apt-get install chromium)"
            : Which("node") is null ? "node"
            : Which("npm") is null ? "npm"
            : null;
        if (missing is not null)
        {
            Assert.False(ci, $"browser tests need {missing}; .ci/run installs it");
            output.WriteLine($"Not run: {missing} is missing on this machine.");
            return;
        }

        if (!Directory.Exists(Path.Combine(folder, "node_modules", "playwright-core")))
        {
            var (install, installLog) = Run("npm", "ci --no-audit --no-fund", folder);
            Assert.True(install == 0, "npm ci failed:\n" + installLog);
        }

        var (code, log) = Run("node", "--test", folder);
        output.WriteLine(log);
        Assert.True(code == 0, "node --test failed:\n" + log);
        Assert.Contains("# fail 0", log, StringComparison.Ordinal);
        Assert.DoesNotContain("# skipped 1", log, StringComparison.Ordinal);
    }

    private static (int Code, string Log) Run(string file, string arguments, string folder)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_limit))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} {arguments} did not finish within {s_limit}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
