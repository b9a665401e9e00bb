using Microsoft.Extensions.DependencyInjection;
using NoteGuard.Inspection.Inspections;

namespace NoteGuard.Web.TestHost;

/// <summary>Same arguments as <c>noteguard serve</c> (--urls, --NoteGuard:Key=value), with the test inspector registered.</summary>
internal static class TestHostProgram
{
    public static void Main(string[] args)
    {
        var app = NoteGuardWebApplication.Create(args, services => services.AddSingleton<IBanknoteInspector, TestBanknoteInspector>());
        app.Run();
    }
}
