using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Tests.Datasets;
using NoteGuard.Inspection.Training;

namespace NoteGuard.Inspection.Tests.Training;

/// <summary>Given splits are used as published and described with their leakage; new splits are grouped.</summary>
public sealed class SplitPlanTests
{
    private static readonly DatasetAuditOptions s_fakeHashes = new() { HashFileContent = FixtureTree.HashOf };

    [Fact]
    public void AGivenSplitIsUsedAndItsCrossSplitNearDuplicatesAreCounted()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("train/a/seq1_1.jpg", 0x0F0F_0F0F_0F0F_0F0F);
        tree.FakeImage("train/a/seq1_2.jpg", 0xF0F0_F0F0_F0F0_F0F0);
        tree.FakeImage("train/b/seq2_1.jpg", 0x00FF_00FF_00FF_00FF);
        tree.FakeImage("valid/a/seq1_3.jpg", 0x0F0F_0F0F_0F0F_0F0E); // a video neighbour of train's seq1_1
        tree.FakeImage("val/b/seq3_1.jpg", 0xFF00_FF00_FF00_FF00);
        tree.FakeImage("test/b/seq4_1.jpg", 0x0000_FFFF_0000_FFFF);
        tree.FakeImage("test/a/seq5_1.jpg", 0xFFFF_0000_FFFF_0000);
        tree.Text("test/a/broken.jpg", "not an image");
        var dataset = DatasetReader.Read(tree.Root);
        var audit = DatasetAudit.Run(dataset, s_fakeHashes);

        var plan = SplitPlan.Make(dataset, new SplitPlanOptions { Audit = audit });

        Assert.Equal(3, plan.Train.Count);
        Assert.Equal(2, plan.Validation.Count);
        Assert.Equal(2, plan.Test.Count);
        Assert.DoesNotContain(plan.All, i => i.Path.EndsWith("broken.jpg", StringComparison.Ordinal));
        Assert.StartsWith("the dataset's given split", plan.Description, StringComparison.Ordinal);
        Assert.Contains("; 1 near-duplicate pairs", plan.Description, StringComparison.Ordinal);
        Assert.EndsWith("train 3, valid 2, test 2 images", plan.Description, StringComparison.Ordinal);

        var fresh = SplitPlan.Make(dataset, new SplitPlanOptions { Audit = audit, UseGivenSplits = false, Ratios = [60, 20, 20], Seed = 4 });
        Assert.StartsWith("new stratified split 60/20/20", fresh.Description, StringComparison.Ordinal);
        Assert.Equal(7, fresh.All.Count());
        string splitOf(string name) => fresh.All.Single(i => i.FileName == name).Split!;
        Assert.Equal(splitOf("seq1_1.jpg"), splitOf("seq1_3.jpg"));
    }

    [Fact]
    public void LabelConflictsLeaveTrainingOnlyAndAreCounted()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("train/real/note_1.jpg", 0x0F0F_0F0F_0F0F_0F0F);
        tree.FakeImage("train/fake/note_2.jpg", 0x0F0F_0F0F_0F0F_0F08); // 3 bits away, filed as counterfeit: a conflict
        tree.FakeImage("train/real/note_3.jpg", 0x7F0F_0F0F_0F0F_0F0F); // 3 bits from note_1, 6 from note_2: same class only, kept
        tree.FakeImage("train/fake/note_4.jpg", 0xF0F0_F0F0_F0F0_F0F0);
        tree.FakeImage("valid/real/note_5.jpg", 0x00FF_00FF_00FF_00FF);
        tree.FakeImage("valid/fake/note_6.jpg", 0x00FF_00FF_00FF_00FE); // a conflict in validation stays: evaluation sees all
        tree.FakeImage("test/real/note_7.jpg", 0xFF00_FF00_FF00_FF00);
        var dataset = DatasetReader.Read(tree.Root);
        var audit = DatasetAudit.Run(dataset, s_fakeHashes);

        var kept = SplitPlan.Make(dataset, new SplitPlanOptions { Audit = audit });
        var cleaned = SplitPlan.Make(dataset, new SplitPlanOptions { Audit = audit, DropLabelConflicts = true });

        Assert.Equal(4, kept.Train.Count);
        Assert.Equal(["note_3.jpg", "note_4.jpg"], cleaned.Train.Select(i => i.FileName).Order());
        Assert.Equal(kept.Validation, cleaned.Validation);
        Assert.Equal(kept.Test, cleaned.Test);
        Assert.Contains("; 2 training images with a near-identical twin of another label left out", cleaned.Description, StringComparison.Ordinal);
        Assert.EndsWith("train 2, valid 2, test 1 images", cleaned.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Training", "train")]
    [InlineData("val", "valid")]
    [InlineData("dev", "valid")]
    [InlineData("TEST", "test")]
    public void SplitNamesMapToRoles(string name, string role) => Assert.Equal(role, SplitPlan.Role(name));

    [Fact]
    public void AnUnknownSplitNameIsADatasetError() =>
        Assert.Contains("holdout", Assert.Throws<InvalidDatasetException>(() => SplitPlan.Role("holdout")).Message, StringComparison.Ordinal);
}
