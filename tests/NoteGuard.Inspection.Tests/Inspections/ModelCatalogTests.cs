using NoteGuard.Inspection.Inspections;
using NoteGuard.Learning.Models;
using NoteGuard.Learning.Serialization;
using NoteGuard.TestUtilities;
using NoteGuard.TestUtilities.Models;

namespace NoteGuard.Inspection.Tests.Inspections;

public sealed class ModelCatalogTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_finds_every_model_in_file_name_order_and_reports_a_corrupt_file_without_hiding_the_others()
    {
        TinyModels.Save(TinyModels.Denomination("vnd-denomination"), _dir, "b-vnd.ngm");
        TinyModels.Save(TinyModels.Authenticity("taka-counterfeit"), _dir, "a-taka.ngm");
        string corrupt = Path.Combine(_dir, "c-broken.ngm");
        File.WriteAllBytes(corrupt, [0x4E, 0x47, 0x4D, 1, 2, 3, 4, 5]);
        File.WriteAllText(Path.Combine(_dir, "taka-counterfeit.md"), "# card");

        var catalog = ModelCatalog.Load(_dir);

        Assert.Equal(Path.GetFullPath(_dir), catalog.Folder);
        Assert.Equal(["taka-counterfeit", "vnd-denomination"], catalog.Models.Select(m => m.Name));
        Assert.Equal(Path.Combine(Path.GetFullPath(_dir), "a-taka.ngm"), catalog.Models[0].FilePath);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(corrupt, failure.Path);
        Assert.Contains(corrupt, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public void A_bare_network_file_is_reported_as_not_a_banknote_model()
    {
        string bare = Path.Combine(_dir, "bare.ngm");
        NetworkFile.ToModelFile(ModelZoo.Create("compact-cnn", 2, new ZooOptions { Seed = 3 })).Save(bare);
        TinyModels.Save(TinyModels.Denomination(), _dir);

        var catalog = ModelCatalog.Load(_dir);

        Assert.Single(catalog.Models);
        var failure = Assert.Single(catalog.Failures);
        Assert.Contains("bare.ngm", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'model' header", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_file_with_the_same_model_name_is_skipped_and_reported()
    {
        TinyModels.Save(TinyModels.Denomination("same", seed: 1), _dir, "1.ngm");
        TinyModels.Save(TinyModels.Denomination("SAME", seed: 2), _dir, "2.ngm");

        var catalog = ModelCatalog.Load(_dir);

        Assert.Equal("1.ngm", Path.GetFileName(Assert.Single(catalog.Models).FilePath));
        Assert.Contains("repeats the name", Assert.Single(catalog.Failures).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_gives_an_empty_catalog_with_one_failure_naming_it()
    {
        string missing = Path.Combine(_dir, "nope");

        var catalog = ModelCatalog.Load(missing);

        Assert.Empty(catalog.Models);
        Assert.Contains(missing, Assert.Single(catalog.Failures).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadModel_of_a_corrupt_file_throws_InvalidModelException_naming_the_file()
    {
        string corrupt = Path.Combine(_dir, "corrupt.ngm");
        byte[] bytes = File.ReadAllBytes(TinyModels.Save(TinyModels.Denomination(), _dir));
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(corrupt, bytes);

        var ex = Assert.Throws<InvalidModelException>(() => ModelCatalog.LoadModel(corrupt));

        Assert.Contains(corrupt, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_takes_a_loaded_name_case_insensitively_or_a_file_path()
    {
        TinyModels.Save(TinyModels.Denomination("vnd-denomination"), _dir);
        string other = TestPaths.NewTempDirectory();
        try
        {
            string file = TinyModels.Save(TinyModels.Authenticity("elsewhere"), other);
            var catalog = ModelCatalog.Load(_dir);

            Assert.Same(catalog.Models[0], catalog.Resolve("VND-Denomination"));
            var fromFile = catalog.Resolve(file);
            Assert.Equal("elsewhere", fromFile.Name);
            Assert.Equal(ModelTask.Authenticity, fromFile.Task);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void Resolve_of_an_unknown_name_lists_the_loaded_names()
    {
        TinyModels.Save(TinyModels.Denomination("vnd-denomination"), _dir);
        var catalog = ModelCatalog.Load(_dir);

        var ex = Assert.Throws<UnknownModelException>(() => catalog.Resolve("usd"));

        Assert.Contains("'usd'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("vnd-denomination", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_of_a_missing_model_file_throws_FileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => ModelCatalog.Empty.Resolve(Path.Combine(_dir, "missing.ngm")));
    }

    [Fact]
    public void Resolve_on_an_empty_catalog_says_no_models_are_loaded()
    {
        var ex = Assert.Throws<UnknownModelException>(() => ModelCatalog.Empty.Resolve("vnd-denomination"));

        Assert.Contains("no models", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ModelCatalog.FolderVariable, ex.Message, StringComparison.Ordinal);
    }
}
