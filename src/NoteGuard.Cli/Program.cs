using System.CommandLine;
using NoteGuard.Cli.Commands;

namespace NoteGuard.Cli;

/// <summary>The <c>noteguard</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Runs the tool; the return value is the process exit code (0 ok, 1 usage, 2 invalid input, 3 internal error).</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "NoteGuard: banknote denomination, authenticity and fitness from photos and scans.\n" +
            "Exit codes: 0 success, 1 usage error, 2 invalid input (one clear line on stderr), 3 internal error.");
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(ImageCommand.Create());
        root.Subcommands.Add(TabularCommand.Create());
        root.Subcommands.Add(FeaturesCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(DatasetCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        return root.Parse(args).Invoke();
    }
}
