using System.Text.Json;
using NoteGuard.Imaging;
using NoteGuard.TestUtilities;

namespace NoteGuard.Cli.Tests.Commands;

/// <summary><c>train</c> → model file → <c>evaluate</c> on a tiny generated class-folder set, and the bad-input contract.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainEvaluateCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>real/ (reddish) and fake/ (bluish) notes, 6 notes × 2 views each, named note_N_V.png.</summary>
    private string MakeTree(string name = "notes", string[]? labels = null)
    {
        string root = Path.Combine(_dir, name);
        var random = new Random(3);
        foreach (string label in labels ?? ["real", "fake"])
        {
            Directory.CreateDirectory(Path.Combine(root, label));
            for (int note = 0; note < 6; note++)
            {
                for (int view = 0; view < 2; view++)
                {
                    using var image = Image.Create(40, 40, PixelFormat.Rgb24);
                    for (int y = 0; y < 40; y++)
                    {
                        for (int x = 0; x < 40; x++)
                        {
                            int noise = random.Next(50);
                            bool red = label == "real";
                            image[x, y, 0] = (byte)(red ? 170 + noise : 40 + noise);
                            image[x, y, 1] = (byte)(((x / 5) + (y / 5) + note) % 2 == 0 ? 90 : 30);
                            image[x, y, 2] = (byte)(red ? 40 + noise : 170 + noise);
                        }
                    }

                    ImageCodec.Save(image, Path.Combine(root, label, $"note_{note}_{view}.png"));
                }
            }
        }

        return root;
    }

    private string Train(string root, string model, params string[] extra) =>
        CliRunner.Run([
            "train", "--data", root, "--group", "note_\\d+", "--group-by-class", "--ratios", "50,25,25", "--arch", "compact-cnn", "--input-size", "32",
            "--epochs", "3", "--batch", "4", "--optimizer", "adam", "--lr", "0.003", "--seed", "2", "--out", model, "--json", .. extra]) is { ExitCode: 0 } ok
            ? ok.Stdout
            : throw new Xunit.Sdk.XunitException("train failed");

    [Fact]
    public void TrainWritesAModelWithCardAndSplitThatEvaluateReads()
    {
        string root = MakeTree();
        string model = Path.Combine(_dir, "colour.ngm");
        string logs = Path.Combine(_dir, "logs");
        using var trained = JsonDocument.Parse(Train(root, model, "--logdir", logs));
        var t = trained.RootElement;
        Assert.Equal("authenticity", t.GetProperty("task").GetString());
        Assert.Equal(["fake", "real"], t.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, t.GetProperty("history").GetArrayLength());
        Assert.Contains("grouped (12 groups)", t.GetProperty("split").GetString(), StringComparison.Ordinal);
        Assert.True(t.GetProperty("test").GetProperty("samples").GetInt32() > 0);
        Assert.True(File.Exists(model));
        Assert.True(File.Exists(model + ".ckpt"));
        Assert.Single(Directory.GetFiles(logs));

        // The split manifest keeps both views of a note together.
        var rows = File.ReadAllLines(model + ".split.csv").Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(24, rows.Count);
        foreach (var note in rows.GroupBy(r => (Path.GetFileName(Path.GetDirectoryName(r[0])), Path.GetFileName(r[0])[..6])))
        {
            Assert.Single(note.Select(r => r[^1]).Distinct());
        }

        var evaluation = CliRunner.Run("evaluate", "--model", model, "--data", model + ".split.csv", "--split", "test", "--json");
        Assert.Equal(0, evaluation.ExitCode);
        using var e = JsonDocument.Parse(evaluation.Stdout);
        foreach (string key in new[] { "accuracy", "macro_f1", "auc", "mcc", "confusion", "labels", "per_class", "ci95", "split" })
        {
            Assert.True(e.RootElement.TryGetProperty(key, out _), $"evaluate --json lacks '{key}'");
        }

        Assert.Equal(t.GetProperty("test").GetProperty("accuracy").GetDouble(), e.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Equal(t.GetProperty("test").GetProperty("samples").GetInt32(), e.RootElement.GetProperty("samples").GetInt32());

        var text = CliRunner.Run("evaluate", "--model", model, "--data", root);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("all 24 images", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("confusion", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TextureSvmTrainsWithoutEpochsAndChecksAndEvaluatesLikeANetwork()
    {
        string root = MakeTree();
        string model = Path.Combine(_dir, "texture.ngm");
        string report = Path.Combine(_dir, "texture.html");
        var run = CliRunner.Run(
            "train", "--data", root, "--group", "note_\\d+", "--group-by-class", "--ratios", "50,25,25", "--arch", "texture-svm", "--input-size", "40",
            "--svm-c", "0.5,5", "--seed", "2", "--out", model, "--report", report, "--json");
        Assert.Equal(0, run.ExitCode);
        using var trained = JsonDocument.Parse(run.Stdout);
        var t = trained.RootElement;
        Assert.Equal("texture-svm", t.GetProperty("arch").GetString());
        Assert.Equal("texture", t.GetProperty("preset").GetString());
        Assert.Equal([0.5, 5], t.GetProperty("svm_candidates").EnumerateArray().Select(c => c.GetProperty("c").GetDouble()));
        Assert.Contains(t.GetProperty("svm_c").GetDouble(), new[] { 0.5, 5 });
        Assert.Equal(0, t.GetProperty("history").GetArrayLength());
        Assert.True(t.GetProperty("parameters").GetInt64() > 1200);
        Assert.Contains("C kept", File.ReadAllText(report), StringComparison.Ordinal);

        var evaluation = CliRunner.Run("evaluate", "--model", model, "--data", model + ".split.csv", "--split", "test", "--json");
        Assert.Equal(0, evaluation.ExitCode);
        using var e = JsonDocument.Parse(evaluation.Stdout);
        Assert.Equal(t.GetProperty("test").GetProperty("accuracy").GetDouble(), e.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Contains("texture-svm + texture", e.RootElement.GetProperty("model").GetString(), StringComparison.Ordinal);

        var check = CliRunner.Run("check", Path.Combine(root, "real", "note_0_0.png"), "--model", model, "--json");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("\"authenticity\"", check.Stdout, StringComparison.Ordinal);

        var epochs = CliRunner.Run("train", "--data", root, "--arch", "texture-svm", "--epochs", "5", "--lr", "0.1", "--out", Path.Combine(_dir, "z.ngm"));
        Assert.Equal(1, epochs.ExitCode);
        Assert.Contains("--epochs, --lr do not apply to --arch texture-svm", Assert.Single(epochs.StderrLines), StringComparison.Ordinal);
        var svmForNetwork = CliRunner.Run("train", "--data", root, "--arch", "compact-cnn", "--svm-c", "1", "--out", Path.Combine(_dir, "z.ngm"));
        Assert.Contains("--svm-c does not apply to --arch compact-cnn", Assert.Single(svmForNetwork.StderrLines), StringComparison.Ordinal);

        var badC = CliRunner.Run("train", "--data", root, "--arch", "texture-svm", "--svm-c", "1,zero", "--out", Path.Combine(_dir, "y.ngm"));
        Assert.NotEqual(0, badC.ExitCode);
        Assert.Contains("--svm-c", Assert.Single(badC.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputsExitTwoWithOneClearLine()
    {
        string root = MakeTree();
        string model = Path.Combine(_dir, "colour.ngm");
        Train(root, model);

        CliRunner.Run("evaluate", "--model", Path.Combine(_dir, "missing.ngm"), "--data", root).AssertInvalidInput("missing.ngm");
        CliRunner.Run("evaluate", "--model", model, "--data", Path.Combine(_dir, "nowhere")).AssertInvalidInput("nowhere");

        string corrupt = Path.Combine(_dir, "corrupt.ngm");
        byte[] bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 3] ^= 0xFF;
        File.WriteAllBytes(corrupt, bytes);
        CliRunner.Run("evaluate", "--model", corrupt, "--data", root).AssertInvalidInput();

        string other = MakeTree("other", ["real", "green"]);
        CliRunner.Run("evaluate", "--model", model, "--data", other).AssertInvalidInput("'green'");

        File.WriteAllText(Path.Combine(root, "real", "note_9_0.png"), "not a png");
        var skipped = CliRunner.Run("evaluate", "--model", model, "--data", root, "--json");
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains("note_9_0.png", skipped.Stderr, StringComparison.Ordinal);

        var unknownArch = CliRunner.Run("train", "--data", root, "--arch", "vgg99", "--out", Path.Combine(_dir, "x.ngm"));
        Assert.Equal(1, unknownArch.ExitCode);
        Assert.Contains("vgg99", Assert.Single(unknownArch.StderrLines), StringComparison.Ordinal);
    }
}
