using System.Security;
using NoteGuard.Imaging;
using NoteGuard.Inspection;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Learning.Serialization;

namespace NoteGuard.Cli;

/// <summary>The exit codes of SPEC.md's command-line contract.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int InvalidInput = 2;
    public const int Internal = 3;
}

/// <summary>
/// Maps failures to exit codes with one clear line on stderr. Bad input (unreadable image, bad CSV, corrupt
/// model, missing file) is exit 2; a wrong argument is 1; anything else is an internal error, exit 3.
/// </summary>
internal static class CliErrors
{
    /// <summary>Runs a command body and converts any exception into its exit code and one stderr line.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (Classify(ex) is int code)
        {
            Console.Error.WriteLine("noteguard: " + OneLine(ex.Message));
            return code;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine("noteguard: internal error: " + OneLine(ex.GetType().Name + ": " + ex.Message));
            if (Environment.GetEnvironmentVariable("NOTEGUARD_DEBUG") == "1")
            {
                Console.Error.WriteLine(ex);
            }

            return ExitCodes.Internal;
        }
    }

    /// <summary>Exit code for an expected failure, or null for an internal error.</summary>
    internal static int? Classify(Exception ex) => ex switch
    {
        InvalidImageException => ExitCodes.InvalidInput,
        FileNotFoundException or DirectoryNotFoundException => ExitCodes.InvalidInput,
        UnauthorizedAccessException or SecurityException => ExitCodes.InvalidInput,
        IOException => ExitCodes.InvalidInput,
        InvalidInputException or InvalidModelException or InvalidDatasetException => ExitCodes.InvalidInput,
        UnknownModelException => ExitCodes.InvalidInput, // `check --model NAME` with a name no loaded model has
        InvalidDataException => ExitCodes.InvalidInput, // malformed JSON presets and similar files
        ArgumentException => ExitCodes.Usage,
        _ => null,
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

/// <summary>Thrown by commands for input that is present but unusable, when no domain exception fits. Exit code 2.</summary>
internal sealed class InvalidInputException(string message) : Exception(message);
