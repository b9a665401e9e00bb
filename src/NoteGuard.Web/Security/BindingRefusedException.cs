namespace NoteGuard.Web.Security;

/// <summary>
/// Thrown by <see cref="NoteGuardWebApplication.Create"/> when asked to listen on a non-loopback address without an
/// API key and without <c>NoteGuard:AllowRemoteWithoutApiKey</c>. The message says how to proceed.
/// </summary>
public sealed class BindingRefusedException : InvalidOperationException
{
    /// <summary>Creates the exception with the refusal message.</summary>
    public BindingRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public BindingRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message (prefer the overloads that explain).</summary>
    public BindingRefusedException()
        : base("Refusing to listen on a non-loopback address without an API key.")
    {
    }
}
