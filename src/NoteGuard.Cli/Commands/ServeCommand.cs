using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using NoteGuard.Web;
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
        var command = new Command(
            "serve",
            "Run the web service: HTTP API v1 (OpenAPI at /openapi/v1.json), the accessible page at /, the audit log (SQLite by default).\n" +
            "Settings come from appsettings.json, NoteGuard__* environment variables or extra arguments such as --NoteGuard:MaxUploadBytes=10000000.\n" +
            "Example: noteguard serve --urls http://127.0.0.1:5000")
        {
            urls,
        };

        // Unknown tokens (--NoteGuard:Key=value) are configuration for the service, not errors.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string[] args = ["--urls", parse.GetValue(urls)!, .. parse.UnmatchedTokens];
            WebApplication app;
            try
            {
                app = NoteGuardWebApplication.Create(args);
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
}
