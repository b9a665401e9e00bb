using Microsoft.AspNetCore.Mvc;

namespace NoteGuard.Web;

/// <summary>Writes RFC 9457 ProblemDetails from middleware that runs outside endpoint results.</summary>
internal static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false);
    }

    /// <summary>A one-line message, as the CLI prints it.</summary>
    public static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
