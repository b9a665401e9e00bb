using System.Diagnostics;
using System.Text.Json;
using NoteGuard.TestUtilities;

namespace NoteGuard.Cli.Tests;

/// <summary>
/// Shipping: <c>dotnet publish</c> as a self-contained single-file linux-x64 executable, then the published binary's
/// <c>check</c> on a bundled sample photo with the bundled models. Runs under CI (<c>CI=true</c>) or with
/// <c>NOTEGUARD_TEST_PUBLISH=1</c>; elsewhere it returns early (publishing takes a minute or two).
/// </summary>
public sealed class PublishedBinaryTests
{
    [Fact]
    public void TheSelfContainedSingleFileBinaryChecksASamplePhoto()
    {
        bool enabled = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            || Environment.GetEnvironmentVariable("NOTEGUARD_TEST_PUBLISH") == "1";
        if (!enabled || !OperatingSystem.IsLinux())
        {
            return;
        }

        string output = TestPaths.NewTempDirectory();
        try
        {
            var publish = Run("dotnet", ["publish", Path.Combine(TestPaths.RepoRoot, "src", "NoteGuard.Cli"), "-c", "Release", "-r", "linux-x64",
                "--self-contained", "-p:PublishSingleFile=true", "-o", output, "-nologo", "-v", "q"], TimeSpan.FromMinutes(10));
            Assert.True(publish.Code == 0, "dotnet publish failed:\n" + publish.Output);
            string binary = Path.Combine(output, "noteguard");
            Assert.True(File.Exists(binary), "no single-file binary at " + binary);
            Assert.DoesNotContain(Directory.GetFiles(output), f => f.EndsWith("noteguard.dll", StringComparison.Ordinal));

            var check = Run(binary, ["check", Path.Combine(TestPaths.RepoRoot, "samples", "vnd-100000.jpg"), "--json"], TimeSpan.FromMinutes(2), output);
            Assert.True(check.Code == 0, "published check failed:\n" + check.Output);
            using var json = JsonDocument.Parse(check.Stdout);
            var first = json.RootElement.EnumerateArray().First();
            Assert.Equal("vnd-denomination", first.GetProperty("models")[0].GetProperty("name").GetString());
            Assert.False(string.IsNullOrEmpty(first.GetProperty("denomination").GetProperty("label").GetString()));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static (int Code, string Stdout, string Output) Run(string file, string[] args, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? TestPaths.RepoRoot,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A test-run variable must not send the published binary to another models folder.
        start.Environment.Remove("NOTEGUARD_MODELS");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}");
        }

        return (process.ExitCode, stdout.Result, stdout.Result + stderr.Result);
    }
}
