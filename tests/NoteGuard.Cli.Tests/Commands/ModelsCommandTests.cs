using System.Text.Json;
using NoteGuard.TestUtilities;
using NoteGuard.TestUtilities.Models;

namespace NoteGuard.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class ModelsCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void List_as_json_gives_name_task_labels_path_version_card_and_reports_a_corrupt_file()
    {
        string denomination = TinyModels.Save(TinyModels.Denomination("vnd-denomination"), _dir);
        TinyModels.Save(TinyModels.Authenticity("taka-counterfeit"), _dir);
        File.WriteAllBytes(Path.Combine(_dir, "broken.ngm"), [1, 2, 3]);

        var result = CliRunner.Run("models", "list", "--models-dir", _dir, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("broken.ngm", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(Path.GetFullPath(_dir), root.GetProperty("folder").GetString());
        var models = root.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal(["taka-counterfeit", "vnd-denomination"], models.Keys.Order(StringComparer.Ordinal));
        var vnd = models["vnd-denomination"];
        Assert.Equal("denomination", vnd.GetProperty("task").GetString());
        Assert.Equal("1.2.3", vnd.GetProperty("version").GetString());
        Assert.Equal(TinyModels.VndLabels, vnd.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(Path.GetFullPath(denomination), vnd.GetProperty("path").GetString());
        Assert.Contains("untrained test model", vnd.GetProperty("card").GetString(), StringComparison.Ordinal);
        Assert.Equal("real", models["taka-counterfeit"].GetProperty("genuine_label").GetString());
        Assert.Contains("broken.ngm", Assert.Single(root.GetProperty("failures").EnumerateArray()).GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void List_as_text_names_each_model_with_its_task_and_labels()
    {
        TinyModels.Save(TinyModels.Authenticity("taka-counterfeit"), _dir);

        var result = CliRunner.Run("models", "list", "--models-dir", _dir);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("taka-counterfeit 0.9.0 (authenticity", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("labels: fake, real (genuine: real)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void List_of_an_empty_folder_says_no_models_found()
    {
        var result = CliRunner.Run("models", "list", "--models-dir", _dir);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no models found", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void List_of_a_missing_folder_exits_2()
    {
        CliRunner.Run("models", "list", "--models-dir", Path.Combine(_dir, "nowhere")).AssertInvalidInput("nowhere");
    }
}
