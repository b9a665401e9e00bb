using NoteGuard.Web;

var app = NoteGuardWebApplication.Create(args);
app.Run();

/// <summary>The service's entry point; public so that functional tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
