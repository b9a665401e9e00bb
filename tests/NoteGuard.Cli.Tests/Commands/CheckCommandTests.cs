using System.Text.Json;
using NoteGuard.TestUtilities;
using NoteGuard.TestUtilities.Models;

namespace NoteGuard.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory();
    private readonly string _models;
    private readonly string _photo;

    public CheckCommandTests()
    {
        _models = Directory.CreateDirectory(Path.Combine(_dir, "models")).FullName;
        TinyModels.Save(TinyModels.Denomination("vnd-denomination"), _models);
        _photo = Path.Combine(_dir, "note.png");
        File.WriteAllBytes(_photo, TinyModels.PhotoPng());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string AddAuthenticityModel() => TinyModels.Save(TinyModels.Authenticity("taka-counterfeit"), _models);

    [Fact]
    public void Text_output_gives_denomination_probability_and_says_authenticity_is_not_judged_without_its_model()
    {
        var result = CliRunner.Run("check", _photo, "--models-dir", _models);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.StartsWith(_photo, result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"denomination: (10000|20000|50000|100000|200000|500000) \(probability [01]\.\d{3}\)", result.Stdout);
        Assert.Contains("authenticity: not judged (no authenticity model)", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"time: \d+\.\d ms \(decode", result.Stdout);
    }

    [Fact]
    public void With_an_authenticity_model_the_verdict_is_printed()
    {
        AddAuthenticityModel();

        var result = CliRunner.Run("check", _photo, "--models-dir", _models);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"authenticity: (genuine|counterfeit) \(probability (0\.[5-9]\d\d|1\.000)\)", result.Stdout);
    }

    [Fact]
    public void Json_is_an_array_with_the_image_and_the_inspection_result_keys()
    {
        AddAuthenticityModel();
        string second = Path.Combine(_dir, "second.png");
        File.WriteAllBytes(second, TinyModels.PhotoPng(80, 40, seed: 3));

        var result = CliRunner.Run("check", _photo, second, "--models-dir", _models, "--json", "--top", "2");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        var first = json.RootElement[0];
        Assert.Equal(["image", "denomination", "authenticity", "timing_ms", "models", "notes"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(_photo, first.GetProperty("image").GetString());
        Assert.Equal(second, json.RootElement[1].GetProperty("image").GetString());
        var denomination = first.GetProperty("denomination");
        Assert.Equal(["label", "probability", "top_k"], denomination.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, denomination.GetProperty("top_k").GetArrayLength());
        Assert.Equal(denomination.GetProperty("label").GetString(), denomination.GetProperty("top_k")[0].GetProperty("label").GetString());
        Assert.Contains(first.GetProperty("authenticity").GetProperty("verdict").GetString(), new[] { "genuine", "counterfeit" });
        Assert.Equal(["decode", "preprocess", "infer", "total"], first.GetProperty("timing_ms").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["taka-counterfeit", "vnd-denomination"], first.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal("1.2.3", first.GetProperty("models")[1].GetProperty("version").GetString());
    }

    [Fact]
    public void Json_writes_a_null_authenticity_for_a_denomination_only_model()
    {
        var result = CliRunner.Run("check", _photo, "--models-dir", _models, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement[0].GetProperty("authenticity").ValueKind);
    }

    [Fact]
    public void Model_option_takes_a_file_outside_the_models_folder()
    {
        string elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "elsewhere")).FullName;
        string file = TinyModels.Save(TinyModels.Authenticity("my-auth"), elsewhere);

        var result = CliRunner.Run("check", _photo, "--models-dir", _models, "--model", file, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement[0].GetProperty("denomination").ValueKind);
        Assert.Equal("my-auth", json.RootElement[0].GetProperty("models")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void A_missing_image_exits_2_with_one_line()
    {
        CliRunner.Run("check", Path.Combine(_dir, "missing.jpg"), "--models-dir", _models).AssertInvalidInput("missing.jpg");
    }

    [Fact]
    public void A_corrupt_image_exits_2_with_one_line()
    {
        string bad = Path.Combine(_dir, "bad.jpg");
        File.WriteAllBytes(bad, [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 1, 2, 3]);

        CliRunner.Run("check", bad, "--models-dir", _models).AssertInvalidInput("bad.jpg");
    }

    [Fact]
    public void With_several_images_a_corrupt_one_is_reported_the_others_checked_and_the_exit_code_is_2()
    {
        string bad = Path.Combine(_dir, "bad.png");
        File.WriteAllBytes(bad, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var result = CliRunner.Run("check", bad, _photo, "--models-dir", _models, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.png", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(_photo, Assert.Single(json.RootElement.EnumerateArray()).GetProperty("image").GetString());
    }

    [Fact]
    public void A_corrupt_model_file_exits_2_naming_it()
    {
        string bad = Path.Combine(_dir, "broken.ngm");
        File.WriteAllBytes(bad, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        CliRunner.Run("check", _photo, "--models-dir", _models, "--model", bad).AssertInvalidInput("broken.ngm");
    }

    [Fact]
    public void An_unknown_model_name_exits_2_listing_the_loaded_names()
    {
        CliRunner.Run("check", _photo, "--models-dir", _models, "--model", "usd").AssertInvalidInput("vnd-denomination");
    }

    [Fact]
    public void No_models_found_exits_2_with_one_line()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;

        CliRunner.Run("check", _photo, "--models-dir", empty).AssertInvalidInput("no models found");
    }

    [Fact]
    public void A_missing_models_folder_exits_2()
    {
        CliRunner.Run("check", _photo, "--models-dir", Path.Combine(_dir, "nowhere")).AssertInvalidInput("nowhere");
    }

    [Fact]
    public void A_corrupt_bundled_model_is_a_warning_and_the_others_still_run()
    {
        File.WriteAllBytes(Path.Combine(_models, "zz-broken.ngm"), [1, 2, 3]);

        var result = CliRunner.Run("check", _photo, "--models-dir", _models);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("zz-broken.ngm", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Contains("denomination:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_below_one_is_a_usage_error()
    {
        var result = CliRunner.Run("check", _photo, "--models-dir", _models, "--top", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--top", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_shows_examples()
    {
        var result = CliRunner.Run("check", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("noteguard check samples/vnd-100000.jpg", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--model", result.Stdout, StringComparison.Ordinal);
    }
}
