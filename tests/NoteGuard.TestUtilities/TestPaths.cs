namespace NoteGuard.TestUtilities;

/// <summary>Where tests find the repository's fixtures and the shared real datasets.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    /// <summary>The repository root (the folder holding NoteGuard.slnx).</summary>
    public static string RepoRoot => s_repoRoot.Value;

    /// <summary><c>tests/fixtures</c> under the repository root.</summary>
    public static string Fixtures => Path.Combine(RepoRoot, "tests", "fixtures");

    /// <summary>A path under <c>tests/fixtures</c>.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    /// <summary>
    /// The shared datasets folder: <c>NOTEGUARD_DATA</c> when set, else <c>../shared/datasets</c> beside the repository.
    /// </summary>
    public static string Datasets =>
        Environment.GetEnvironmentVariable("NOTEGUARD_DATA") is { Length: > 0 } fromEnv
            ? fromEnv
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));

    /// <summary>A dataset folder, or null when the shared data is absent (tests then skip with a reason).</summary>
    public static string? Dataset(string name)
    {
        string path = Path.Combine(Datasets, name);
        return Directory.Exists(path) || File.Exists(path) ? path : null;
    }

    /// <summary>A fresh empty temporary folder for one test.</summary>
    public static string NewTempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "noteguard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NoteGuard.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find NoteGuard.slnx above " + AppContext.BaseDirectory);
    }
}
