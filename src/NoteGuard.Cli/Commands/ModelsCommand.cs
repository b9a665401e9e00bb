using System.CommandLine;
using NoteGuard.Inspection.Inspections;

namespace NoteGuard.Cli.Commands;

/// <summary><c>noteguard models list [--json]</c>: the bundled banknote models (docs/check.md).</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var models = new Command("models", "The bundled banknote models used by `noteguard check` and `noteguard serve`.");
        models.Subcommands.Add(CreateList());
        return models;
    }

    private static Command CreateList()
    {
        var json = CommonOptions.Json();
        var modelsDir = CheckCommand.ModelsDirOption();
        var command = new Command(
            "list",
            "List the bundled models: name, task, labels, file, version and model-card summary. A corrupt model file is reported\n" +
            "(stderr, and under 'failures' with --json) and the others are still listed; the exit code stays 0.\n" +
            "Examples:\n" +
            "  noteguard models list\n" +
            "  NOTEGUARD_MODELS=/opt/noteguard/models noteguard models list --json")
        {
            json, modelsDir,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var catalog = CheckCommand.OpenCatalog(parse.GetValue(modelsDir));
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    folder = catalog.Folder,
                    models = catalog.Models.Select(m => new
                    {
                        name = m.Name,
                        task = m.TaskName,
                        currency = m.Currency,
                        version = m.Version,
                        architecture = m.Architecture,
                        labels = m.Labels,
                        genuine_label = m.GenuineLabel,
                        preset = m.Preset.Name,
                        path = m.FilePath,
                        card = m.Card?.Summary,
                    }),
                    failures = catalog.Failures.Select(f => new { path = f.Path, message = f.Message }),
                });
            }
            else
            {
                Console.WriteLine(catalog.Folder is null ? catalog.DescribeFolder() : "models folder: " + catalog.Folder);
                if (catalog.Models.Count == 0)
                {
                    Console.WriteLine("no models found");
                }

                foreach (var m in catalog.Models)
                {
                    Console.WriteLine($"{m.Name} {m.Version} ({m.TaskName}{(m.Currency is null ? string.Empty : " of " + m.Currency + " notes")}, {m.Architecture}, preset {m.Preset.Name})");
                    Console.WriteLine("  labels: " + string.Join(", ", m.Labels) + (m.GenuineLabel is null ? string.Empty : $" (genuine: {m.GenuineLabel})"));
                    Console.WriteLine("  file: " + m.FilePath);
                    if (m.Card is { Summary.Length: > 0 } card)
                    {
                        Console.WriteLine("  card: " + card.Summary);
                    }
                }
            }

            foreach (var failure in catalog.Failures)
            {
                Console.Error.WriteLine("noteguard: warning: " + failure.Message);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
