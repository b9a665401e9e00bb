using System.CommandLine;

namespace NoteGuard.Cli;

/// <summary>The <c>noteguard</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Runs the tool; the return value is the process exit code (0 ok, 1 usage, 2 invalid input, 3 internal error).</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("NoteGuard: banknote denomination, authenticity and fitness from photos and scans.");
        return root.Parse(args).Invoke();
    }
}
