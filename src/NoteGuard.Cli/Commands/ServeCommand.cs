using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Web;
using NoteGuard.Web.Inspections;
using NoteGuard.Web.Security;

namespace NoteGuard.Cli.Commands;

/// <summary><c>noteguard serve [--urls URLS]</c>: the web service and the page (docs/http-api.md).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';'. A non-loopback address needs an API key (NoteGuard__ApiKeys__0) or NoteGuard__AllowRemoteWithoutApiKey=true.",
            DefaultValueFactory = _ => "http://127.0.0.1:5000",
        };
        var modelsDir = CheckCommand.ModelsDirOption();
        var command = new Command(
            "serve",
            "Run the web service: HTTP API v1 (OpenAPI at /openapi/v1.json), the accessible page at /, the audit log (SQLite by default).\n" +
            "Settings come from appsettings.json, NoteGuard__* environment variables or extra arguments such as --NoteGuard:MaxUploadBytes=10000000.\n" +
            "Inspections use the bundled models (see `noteguard models list`); without any the service still starts and answers them 503.\n" +
            "Example: noteguard serve --urls http://127.0.0.1:5000")
        {
            urls, modelsDir,
        };

        // Unknown tokens (--NoteGuard:Key=value) are configuration for the service, not errors.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string[] args = ["--urls", parse.GetValue(urls)!, .. parse.UnmatchedTokens];
            var catalog = CheckCommand.OpenCatalog(parse.GetValue(modelsDir));
            ReportModels(catalog);
            WebApplication app;
            try
            {
                app = NoteGuardWebApplication.Create(args, services =>
                {
                    services.AddBanknoteInspector(catalog);
                    services.AddBundledWaveletModel(catalog);
                });
            }
            catch (BindingRefusedException ex)
            {
                throw new ArgumentException(ex.Message, ex);
            }

            app.Run();
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Says on stderr which models the service runs, which files were skipped, or that there are none.</summary>
    internal static void ReportModels(ModelCatalog catalog)
    {
        foreach (var failure in catalog.Failures)
        {
            Console.Error.WriteLine("noteguard: warning: skipped " + failure.Message);
        }

        Console.Error.WriteLine(catalog.Models.Count == 0
            ? $"noteguard: warning: no models found ({catalog.DescribeFolder()}); inspections will answer 503 until models are installed."
            : $"noteguard: serving {catalog.Models.Count} model(s) from {catalog.Folder}: {string.Join(", ", catalog.Models.Select(m => m.Name + " " + m.Version))}");
    }
}
