namespace NoteGuard.Cli.Tests;

/// <summary>Runs <c>noteguard</c> in-process with stdout and stderr captured. Tests using it share one collection (no parallelism), since the console is global.</summary>
internal static class CliRunner
{
    private static readonly Lock s_console = new();

    public static CliResult Run(params string[] args)
    {
        lock (s_console)
        {
            var originalOut = Console.Out;
            var originalError = Console.Error;
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                int code = Program.Main(args);
                return new CliResult(code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(originalOut);
                Console.SetError(originalError);
            }
        }
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Asserts SPEC.md's contract for bad input: exit 2 and exactly one clear line on stderr.</summary>
    public void AssertInvalidInput(string? mentions = null)
    {
        Assert.True(ExitCode == 2, $"expected exit 2, got {ExitCode}; stderr: {Stderr}");
        Assert.Single(StderrLines);
        Assert.StartsWith("noteguard: ", StderrLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        if (mentions is not null)
        {
            Assert.Contains(mentions, Stderr, StringComparison.OrdinalIgnoreCase);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
