using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NoteGuard.TestUtilities;

/// <summary>
/// Re-runs a test project's SIMD tests in a child process with hardware intrinsics disabled
/// (<c>DOTNET_EnableHWIntrinsic=0</c>), so every Vector512/256/128 path's scalar fallback is exercised too.
/// SIMD tests carry <c>[Trait("Category", "Simd")]</c>; the test that calls this carries a different trait,
/// so the child never recurses.
/// </summary>
public static partial class ScalarFallback
{
    /// <summary>The trait value that marks tests to re-run without intrinsics.</summary>
    public const string SimdCategory = "Simd";

    /// <summary>Environment variable set in the child so tests can tell they run on the scalar path.</summary>
    public const string ChildMarker = "NOTEGUARD_SCALAR_CHILD";

    /// <summary>
    /// Runs <c>dotnet test</c> on <paramref name="projectName"/> (already built) for the <c>Category=Simd</c> tests with
    /// intrinsics off. Returns the exit code, the number of tests that passed and the runner's output.
    /// </summary>
    public static (int ExitCode, int Passed, string Output) RunSimdTestsWithoutIntrinsics(string projectName, TimeSpan timeout)
    {
        string project = Path.Combine(TestPaths.RepoRoot, "tests", projectName, projectName + ".csproj");
        string configuration = AppContext.BaseDirectory.Contains("/release", StringComparison.OrdinalIgnoreCase) ? "Release" : "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        foreach (string arg in new[] { "test", project, "--no-build", "-c", configuration, "--filter", "Category=" + SimdCategory, "--logger", "console;verbosity=normal" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_EnableHWIntrinsic"] = "0";
        start.Environment[ChildMarker] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, 0, "timed out after " + timeout);
        }

        string output = stdout.Result + stderr.Result;
        var match = PassedCount().Match(output);
        int passed = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (process.ExitCode, passed, output);
    }

    /// <summary>True inside the child run (intrinsics disabled).</summary>
    public static bool IsChild => Environment.GetEnvironmentVariable(ChildMarker) == "1";

    [GeneratedRegex(@"Passed:\s+(\d+)")]
    private static partial Regex PassedCount();
}
