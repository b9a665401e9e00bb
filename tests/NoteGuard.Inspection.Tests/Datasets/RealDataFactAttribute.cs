using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Datasets;

/// <summary>A fact that needs a shared real dataset; skipped, with the reason, when <c>../shared/datasets/NAME</c> is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute(string dataset)
    {
        if (TestPaths.Dataset(dataset) is null)
        {
            Skip = $"Real dataset '{dataset}' not found under {TestPaths.Datasets} (set NOTEGUARD_DATA to its folder).";
        }
    }
}
