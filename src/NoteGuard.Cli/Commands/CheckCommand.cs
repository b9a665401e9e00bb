using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Inspections;

namespace NoteGuard.Cli.Commands;

/// <summary>
/// <c>noteguard check IMAGE... [--model NAME|FILE ...] [--top K] [--json]</c>: denomination and authenticity of
/// banknote photos with the bundled (or given) models (docs/check.md).
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var images = new Argument<string[]>("IMAGE")
        {
            Description = "Banknote photos to check (PNG, JPEG, PPM/PGM; format detected from content).",
            Arity = ArgumentArity.OneOrMore,
        };
        var models = new Option<string[]>("--model")
        {
            Description = "A bundled model's name (see `noteguard models list`) or a .ngm file; repeat for several. Default: every bundled model.",
            AllowMultipleArgumentsPerToken = false,
        };
        var top = new Option<int>("--top")
        {
            Description = "How many denominations to list, most probable first (at least 1).",
            DefaultValueFactory = _ => BanknoteInspectorOptions.Default.TopK,
        };
        var modelsDir = ModelsDirOption();
        var json = new Option<bool>("--json")
        {
            Description = "Print a JSON array on stdout, one object per checked image: image, denomination, authenticity, timing_ms, models.",
        };
        var maxPixels = CommonOptions.MaxPixels();
        var command = new Command(
            "check",
            "Check banknote photos: the denomination with its probability, genuine or counterfeit with its probability, and the time taken.\n" +
            "Models come from the models folder (NOTEGUARD_MODELS, else models/ beside noteguard, else models/ of the source tree) or from --model.\n" +
            "Authenticity is judged only by an authenticity model; with denomination models alone it reads 'not judged'.\n" +
            "With several images an unreadable one is reported on stderr and the others are still checked; the exit code is then 2.\n" +
            "Examples:\n" +
            "  noteguard check samples/vnd-100000.jpg\n" +
            "  noteguard check note1.jpg note2.png --model vnd-denomination --top 5\n" +
            "  noteguard check note.jpg --model my-model.ngm --json")
        {
            images, models, top, modelsDir, json, maxPixels,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            int topK = parse.GetValue(top);
            if (topK < 1)
            {
                throw new ArgumentException($"--top must be at least 1, got {topK}.");
            }

            var catalog = OpenCatalog(parse.GetValue(modelsDir));
            var selected = SelectModels(catalog, parse.GetValue(models) ?? []);
            var inspector = new BanknoteInspector(selected, new BanknoteInspectorOptions
            {
                TopK = topK,
                Decoder = DecoderOptions.Default with { MaxPixels = parse.GetValue(maxPixels) },
            });
            return CheckAll(inspector, parse.GetValue(images)!, parse.GetValue(json));
        }));
        return command;
    }

    /// <summary>The <c>--models-dir</c> option shared with <c>models list</c>.</summary>
    internal static Option<string?> ModelsDirOption() => new("--models-dir")
    {
        Description = $"Folder of bundled .ngm models, instead of {ModelCatalog.FolderVariable} / models/ beside noteguard / models/ of the source tree.",
    };

    /// <summary>The catalog of <paramref name="folder"/>, or the discovered one; a given folder that does not exist is bad input.</summary>
    internal static ModelCatalog OpenCatalog(string? folder)
    {
        if (folder is null)
        {
            return ModelCatalog.Discover();
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No such models folder: {folder}");
        }

        return ModelCatalog.Load(folder);
    }

    /// <summary>
    /// The models to run: each <c>--model</c> resolved (a name or a file, which must load), else every bundled model
    /// (a corrupt bundled file is a warning on stderr). No model at all is bad input.
    /// </summary>
    private static List<BanknoteModel> SelectModels(ModelCatalog catalog, string[] requested)
    {
        var selected = new List<BanknoteModel>();
        if (requested.Length > 0)
        {
            foreach (string nameOrPath in requested)
            {
                var model = catalog.Resolve(nameOrPath);
                if (selected.Exists(m => string.Equals(m.Name, model.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ArgumentException($"--model '{nameOrPath}' repeats the model '{model.Name}'.");
                }

                selected.Add(model);
            }

            return selected;
        }

        foreach (var failure in catalog.Failures)
        {
            Console.Error.WriteLine("noteguard: warning: skipped " + failure.Message);
        }

        if (catalog.Models.Count == 0)
        {
            throw new InvalidInputException($"No models found ({catalog.DescribeFolder()}); pass --model FILE.ngm or --models-dir DIR.");
        }

        selected.AddRange(catalog.Models);
        return selected;
    }

    private static int CheckAll(BanknoteInspector inspector, string[] paths, bool json)
    {
        var results = new JsonArray();
        bool failed = false;
        foreach (string path in paths)
        {
            InspectionResult result;
            try
            {
                byte[] bytes = ReadImage(path);
                result = inspector.Inspect(bytes, null, CancellationToken.None);
            }
            catch (Exception ex) when (CliErrors.Classify(ex) == ExitCodes.InvalidInput)
            {
                // One line per unreadable image; the others are still checked and the exit code says something failed.
                string message = ex.Message.ReplaceLineEndings(" ").Trim();
                Console.Error.WriteLine("noteguard: " + (message.Contains(path, StringComparison.Ordinal) ? message : path + ": " + message));
                failed = true;
                continue;
            }

            if (json)
            {
                results.Add(ToJson(path, result));
            }
            else
            {
                WriteText(path, result);
            }
        }

        if (json)
        {
            Console.Out.WriteLine(results.ToJsonString(JsonOutput.Options));
        }

        return failed ? ExitCodes.InvalidInput : ExitCodes.Success;
    }

    private static byte[] ReadImage(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No such image file: {path}", path);
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>The result with <c>image</c> first: the shape of one element of <c>check --json</c>.</summary>
    internal static JsonObject ToJson(string path, InspectionResult result)
    {
        var node = (JsonObject)JsonSerializer.SerializeToNode(result, JsonOutput.Options)!;
        var withImage = new JsonObject { ["image"] = path };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            withImage[key] = value;
        }

        return withImage;
    }

    private static void WriteText(string path, InspectionResult result)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(path);
        if (result.Denomination is { } d)
        {
            string others = string.Join(", ", d.TopK.Skip(1).Select(t => string.Create(c, $"{t.Label} {t.Probability:0.000}")));
            Console.WriteLine(string.Create(c, $"  denomination: {d.Label} (probability {d.Probability:0.000})") + (others.Length > 0 ? "; next: " + others : string.Empty));
        }
        else
        {
            Console.WriteLine("  denomination: not judged (no denomination model)");
        }

        if (result.Authenticity is { } a)
        {
            Console.WriteLine(string.Create(c, $"  authenticity: {(a.Verdict == CounterfeitVerdict.Genuine ? "genuine" : "counterfeit")} (probability {a.Probability:0.000})"));
        }
        else
        {
            Console.WriteLine(result.Notes.FirstOrDefault(n => n.StartsWith("authenticity", StringComparison.Ordinal)) is { } why
                ? "  " + why.Replace("authenticity not judged:", "authenticity: not judged —", StringComparison.Ordinal)
                : "  authenticity: not judged (no authenticity model)");
        }

        var t = result.TimingMs;
        Console.WriteLine(string.Create(c, $"  time: {t.Total:0.0} ms (decode {t.Decode:0.0}, preprocess {t.Preprocess:0.0}, infer {t.Infer:0.0})"));
        Console.WriteLine("  models: " + string.Join(", ", result.Models.Select(m => m.Name + " " + m.Version)));
    }
}
