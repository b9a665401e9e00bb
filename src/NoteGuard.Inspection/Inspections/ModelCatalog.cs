using NoteGuard.Learning.Serialization;

namespace NoteGuard.Inspection.Inspections;

/// <summary>A model file that could not be loaded while listing a models folder.</summary>
/// <param name="Path">The file (or folder) concerned.</param>
/// <param name="Message">One line saying what was wrong.</param>
public sealed record ModelLoadFailure(string Path, string Message);

/// <summary>
/// The bundled banknote models: every <c>*.ngm</c> file in one models folder, loaded once. The folder is
/// <c>NOTEGUARD_MODELS</c> when set, else <c>models/</c> beside the application, else the <c>models/</c> folder of
/// the source tree (found by walking up from the current directory to a <c>NoteGuard.slnx</c>). A corrupt file does
/// not hide the others: it is listed in <see cref="Failures"/>. Immutable and thread-safe once loaded.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>The environment variable that names the models folder.</summary>
    public const string FolderVariable = "NOTEGUARD_MODELS";

    /// <summary>The extension of model files, <c>.ngm</c>.</summary>
    public const string ModelExtension = ".ngm";

    private ModelCatalog(string? folder, IReadOnlyList<BanknoteModel> models, IReadOnlyList<ModelLoadFailure> failures)
    {
        Folder = folder;
        Models = models;
        Failures = failures;
    }

    /// <summary>The folder the models came from, or null when no models folder was found.</summary>
    public string? Folder { get; }

    /// <summary>The loaded models, ordered by file name; names are unique (case-insensitive).</summary>
    public IReadOnlyList<BanknoteModel> Models { get; }

    /// <summary>Files that could not be loaded (corrupt, not a banknote model, a duplicate name), one line each.</summary>
    public IReadOnlyList<ModelLoadFailure> Failures { get; }

    /// <summary>An empty catalog (no folder, no models).</summary>
    public static ModelCatalog Empty { get; } = new(null, [], []);

    /// <summary>
    /// The models folder in effect: <c>NOTEGUARD_MODELS</c> when set (even if it does not exist, so that a typo is
    /// reported rather than silently replaced), else <c>&lt;AppContext.BaseDirectory&gt;/models</c> when it exists, else
    /// the <c>models/</c> folder beside the nearest <c>NoteGuard.slnx</c> above the current directory, else null.
    /// </summary>
    public static string? FindFolder()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } fromEnv)
        {
            return Path.GetFullPath(fromEnv);
        }

        string beside = Path.Combine(AppContext.BaseDirectory, "models");
        if (Directory.Exists(beside))
        {
            return Path.GetFullPath(beside);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NoteGuard.slnx")))
            {
                string models = Path.Combine(dir.FullName, "models");
                return Directory.Exists(models) ? models : null;
            }
        }

        return null;
    }

    /// <summary>Loads the models of <see cref="FindFolder"/>; an empty catalog when there is no folder.</summary>
    public static ModelCatalog Discover() => FindFolder() is { } folder ? Load(folder) : Empty;

    /// <summary>
    /// Loads every <c>*.ngm</c> file of <paramref name="folder"/> (not its subfolders) in file-name order. Files that
    /// fail to load, and later files repeating an earlier model's name, are reported in <see cref="Failures"/>; a
    /// missing folder gives an empty catalog with one failure naming it. Never throws for bad content.
    /// </summary>
    public static ModelCatalog Load(string folder)
    {
        Guard.NotNull(folder);
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder))
        {
            return new ModelCatalog(folder, [], [new ModelLoadFailure(folder, $"models folder '{folder}' does not exist")]);
        }

        var models = new List<BanknoteModel>();
        var failures = new List<ModelLoadFailure>();
        var files = Directory.GetFiles(folder, "*" + ModelExtension, SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (string file in files)
        {
            try
            {
                var model = LoadModel(file);
                if (models.Find(m => string.Equals(m.Name, model.Name, StringComparison.OrdinalIgnoreCase)) is { } earlier)
                {
                    failures.Add(new ModelLoadFailure(file, $"model file '{file}' repeats the name '{model.Name}' of '{earlier.FilePath}'; skipped"));
                    continue;
                }

                models.Add(model);
            }
            catch (Exception ex) when (ex is InvalidModelException or IOException or UnauthorizedAccessException)
            {
                failures.Add(new ModelLoadFailure(file, OneLine(ex.Message)));
            }
        }

        return new ModelCatalog(folder, models, failures);
    }

    /// <summary>
    /// Loads one banknote model file; the exception message always names the file.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidModelException">The file is corrupt or not a banknote model.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static BanknoteModel LoadModel(string path)
    {
        Guard.NotNull(path);
        try
        {
            return BanknoteModel.Load(path);
        }
        catch (InvalidModelException ex) when (!ex.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new InvalidModelException($"model file '{path}': {ex.Message}", ex) { SourceName = path };
        }
    }

    /// <summary>The loaded model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public BanknoteModel? Find(string name)
    {
        Guard.NotNull(name);
        foreach (var model in Models)
        {
            if (string.Equals(model.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>
    /// The model for a <c>--model</c> value: a loaded model's name, else a model file path (anything that exists as a
    /// file, or ends in <c>.ngm</c>, or contains a folder separator).
    /// </summary>
    /// <exception cref="UnknownModelException">Not a loaded name and not a path; the message lists the loaded names.</exception>
    /// <exception cref="FileNotFoundException">A path that does not exist.</exception>
    /// <exception cref="InvalidModelException">The file is corrupt or not a banknote model; the message names it.</exception>
    public BanknoteModel Resolve(string nameOrPath)
    {
        Guard.NotNull(nameOrPath);
        if (Find(nameOrPath) is { } loaded)
        {
            return loaded;
        }

        bool looksLikePath = File.Exists(nameOrPath)
            || nameOrPath.EndsWith(ModelExtension, StringComparison.OrdinalIgnoreCase)
            || nameOrPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || nameOrPath.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal);
        if (looksLikePath)
        {
            return LoadModel(nameOrPath);
        }

        throw new UnknownModelException(Models.Count == 0
            ? $"Unknown model '{nameOrPath}': no models are loaded ({DescribeFolder()}); pass a model file path instead."
            : $"Unknown model '{nameOrPath}': loaded models are {string.Join(", ", Models.Select(m => m.Name))}.");
    }

    /// <summary>Where models were looked for, for messages: the folder, or how to set one.</summary>
    public string DescribeFolder() => Folder is null
        ? $"no models folder found: set {FolderVariable} or put .ngm files in a models/ folder beside the application"
        : $"models folder '{Folder}'";

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
