using NoteGuard.Inspection.Datasets;

namespace NoteGuard.Inspection.Tests.Datasets;

public sealed class DatasetSplitterTests
{
    /// <summary>
    /// Largest allowed gap between a class's share in a split and the split's ratio, beyond what indivisible
    /// units force: the greedy placement overshoots a quota by at most about one unit.
    /// </summary>
    private const double ProportionSlack = 0.03;

    [Fact]
    public void Property_NoGroupSpansSplits_AndClassesFollowTheRatios()
    {
        for (int seed = 0; seed < 60; seed++)
        {
            var random = new Random(1000 + seed);
            int classes = random.Next(2, 5);
            int groups = random.Next(150, 400);
            int maxGroup = random.Next(1, 7);
            var items = new List<DatasetItem>();
            for (int g = 0; g < groups; g++)
            {
                int size = random.Next(1, maxGroup + 1);
                string label = "c" + random.Next(classes);
                bool grouped = random.NextDouble() < 0.8;
                for (int k = 0; k < size; k++)
                {
                    items.Add(new DatasetItem($"/d/{g}_{k}.jpg", label, grouped ? "g" + g : null));
                }
            }

            double[] ratios = seed % 2 == 0 ? [80, 10, 10] : [70, 30];
            var result = DatasetSplitter.Split(items, new SplitOptions { Ratios = ratios, Seed = seed });

            // No group in two splits.
            foreach (var group in result.Items.Where(i => i.Group is not null).GroupBy(i => i.Group))
            {
                Assert.Single(group.Select(i => i.Split).Distinct());
            }

            // Every class close to the ratios.
            double sum = ratios.Sum();
            foreach (var byClass in result.Items.GroupBy(i => i.Label))
            {
                int total = byClass.Count();
                for (int s = 0; s < ratios.Length; s++)
                {
                    int inSplit = byClass.Count(i => i.Split == result.SplitNames[s]);
                    double gap = Math.Abs(((double)inSplit / total) - (ratios[s] / sum));
                    double allowed = ((double)maxGroup / total) + ProportionSlack;
                    Assert.True(gap <= allowed, $"seed {seed}, class {byClass.Key}, split {result.SplitNames[s]}: {inSplit}/{total} vs ratio {ratios[s] / sum:F3} (gap {gap:F3} > {allowed:F3})");
                }
            }
        }
    }

    [Fact]
    public void SameSeedSameSplit_OtherSeedDifferent()
    {
        var items = Enumerable.Range(0, 200).Select(i => new DatasetItem($"/d/{i}.jpg", i % 3 == 0 ? "a" : "b")).ToList();
        var first = DatasetSplitter.Split(items, new SplitOptions { Seed = 7 }).Items.Select(i => i.Split).ToList();
        var again = DatasetSplitter.Split(items, new SplitOptions { Seed = 7 }).Items.Select(i => i.Split).ToList();
        var other = DatasetSplitter.Split(items, new SplitOptions { Seed = 8 }).Items.Select(i => i.Split).ToList();
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void NearDuplicatePairs_AreKeptTogether_EvenAcrossGroups()
    {
        var items = Enumerable.Range(0, 100).Select(i => new DatasetItem($"/d/{i}.jpg", "a", "g" + (i / 2))).ToList();

        // Chain 0-2-4-...-38: twenty groups joined into one cluster through near duplicates.
        var pairs = Enumerable.Range(0, 19).Select(k => (2 * k, 2 * (k + 1))).ToList();
        for (int seed = 0; seed < 10; seed++)
        {
            var result = DatasetSplitter.Split(items, new SplitOptions { Ratios = [50, 50], Seed = seed }, pairs);
            Assert.Single(result.Items.Take(40).Select(i => i.Split).Distinct());
            Assert.Equal(31, result.Units); // items 0..39 joined into one unit, then 30 untouched two-item groups
        }
    }

    [Fact]
    public void HandCounted_TwoClassesTenEach_80_10_10()
    {
        var items = Enumerable.Range(0, 20).Select(i => new DatasetItem($"/d/{i}.jpg", i < 10 ? "a" : "b")).ToList();
        var result = DatasetSplitter.Split(items, new SplitOptions { Seed = 3 });
        Assert.Equal(["train", "valid", "test"], result.SplitNames);
        foreach (string label in new[] { "a", "b" })
        {
            Assert.Equal(8, result.Counts["train"][label]);
            Assert.Equal(1, result.Counts["valid"][label]);
            Assert.Equal(1, result.Counts["test"][label]);
        }
    }

    [Fact]
    public void ZeroRatioSplit_StaysEmpty()
    {
        var items = Enumerable.Range(0, 30).Select(i => new DatasetItem($"/d/{i}.jpg", "a")).ToList();
        var result = DatasetSplitter.Split(items, new SplitOptions { Ratios = [1, 0, 1] });
        Assert.DoesNotContain(result.Items, i => i.Split == "valid");
        Assert.Equal(15, result.Items.Count(i => i.Split == "train"));
    }

    [Theory]
    [InlineData(new double[] { 0, 0 })]
    [InlineData(new double[] { 1, -1 })]
    [InlineData(new double[] { 1, 1, 1, 1 })]
    public void BadRatios_AreArgumentErrors(double[] ratios)
    {
        Assert.ThrowsAny<ArgumentException>(() => DatasetSplitter.Split([new DatasetItem("/a.jpg", "a")], new SplitOptions { Ratios = ratios }));
    }
}
