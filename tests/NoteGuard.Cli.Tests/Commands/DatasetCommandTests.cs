using System.Text.Json;
using NoteGuard.Imaging;
using NoteGuard.TestUtilities;

namespace NoteGuard.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class DatasetCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Class folders real/ and fake/ with 4 notes × 2 views each; note_1's two views are the same picture (a duplicate),
    /// plus one corrupt file that must be reported, not fatal.
    /// </summary>
    private string MakeTree()
    {
        string root = Path.Combine(_dir, "notes");
        foreach (string label in new[] { "real", "fake" })
        {
            Directory.CreateDirectory(Path.Combine(root, label));
            for (int note = 0; note < 4; note++)
            {
                for (int view = 0; view < 2; view++)
                {
                    int seed = (label == "real" ? 100 : 200) + (note * 10) + (note == 1 ? 0 : view);
                    using var image = Image.Create(48, 32, PixelFormat.Rgb24);
                    var rng = new Random(seed);
                    // Blocky random content so pHashes of different seeds are far apart.
                    for (int by = 0; by < 4; by++)
                    {
                        for (int bx = 0; bx < 6; bx++)
                        {
                            byte v = (byte)rng.Next(256);
                            for (int y = by * 8; y < (by + 1) * 8; y++)
                            {
                                for (int x = bx * 8; x < (bx + 1) * 8; x++)
                                {
                                    image[x, y, 0] = v;
                                    image[x, y, 1] = (byte)(255 - v);
                                    image[x, y, 2] = (byte)(v / 2);
                                }
                            }
                        }
                    }

                    ImageCodec.Save(image, Path.Combine(root, label, $"note_{note}_{view}.png"));
                }
            }
        }

        File.WriteAllBytes(Path.Combine(root, "real", "note_9_0.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        return root;
    }

    [Fact]
    public void AuditReportsCountsDuplicatesAndUnreadableFiles()
    {
        string root = MakeTree();
        var result = CliRunner.Run("dataset", "audit", root, "--group", @"note_\d+", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var report = json.RootElement;
        foreach (string key in new[] { "images", "classes", "splits", "exact_duplicates", "near_duplicate_pairs", "cross_split_near_duplicates", "groups_spanning_splits", "unreadable" })
        {
            Assert.True(report.TryGetProperty(key, out _), $"missing '{key}'");
        }

        Assert.Equal(9, report.GetProperty("classes").GetProperty("real").GetInt32()); // files found, the corrupt one included
        Assert.Equal(8, report.GetProperty("classes").GetProperty("fake").GetInt32());
        Assert.True(JsonCount(report.GetProperty("exact_duplicates")) >= 2, "note_1's identical views in both classes are exact duplicates");
        Assert.Equal(1, JsonCount(report.GetProperty("unreadable")));
    }

    [Fact]
    public void SplitKeepsEveryGroupInOneSplit()
    {
        string root = MakeTree();
        string manifest = Path.Combine(_dir, "split.csv");
        var result = CliRunner.Run("dataset", "split", root, "--out", manifest, "--ratios", "50,50", "--group", @"note_\d+", "--group-by-class", "--seed", "3");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var rows = File.ReadAllLines(manifest).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(16, rows.Count); // the corrupt file is left out
        var splitsPerGroup = rows.GroupBy(r => r[2]).Select(g => g.Select(r => r[3]).Distinct().Count());
        Assert.All(splitsPerGroup, n => Assert.Equal(1, n));

        string again = Path.Combine(_dir, "again.csv");
        Assert.Equal(0, CliRunner.Run("dataset", "split", root, "--out", again, "--ratios", "50,50", "--group", @"note_\d+", "--group-by-class", "--seed", "3").ExitCode);
        Assert.Equal(File.ReadAllText(manifest), File.ReadAllText(again));
    }

    [Fact]
    public void MissingFolderIsInvalidInputAndBadArgumentsAreUsageErrors()
    {
        CliRunner.Run("dataset", "audit", Path.Combine(_dir, "nowhere")).AssertInvalidInput();
        string root = MakeTree();
        Assert.Equal(1, CliRunner.Run("dataset", "split", root, "--out", Path.Combine(_dir, "m.csv"), "--ratios", "80,abc").ExitCode);
        Assert.Equal(1, CliRunner.Run("dataset", "audit", root, "--group", "note_(").ExitCode);
    }

    private static int JsonCount(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.GetArrayLength(),
        JsonValueKind.Number => element.GetInt32(),
        _ => throw new InvalidOperationException("unexpected " + element.ValueKind),
    };
}
