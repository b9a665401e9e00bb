using NoteGuard.Inspection;
using NoteGuard.Inspection.Datasets;

namespace NoteGuard.Inspection.Tests.Datasets;

public sealed class YoloNamesTests
{
    [Theory]
    [InlineData("names: [a, b, c]")]
    [InlineData("nc: 3\nnames: ['a', \"b\", c]  # three")]
    [InlineData("names:\n  - a\n  - 'b'\n  - c # comment\n")]
    [InlineData("names:\n- a\n- b\n- c\nnc: 3\n")]
    [InlineData("# header\nnames:\n  2: c\n  0: a\n  1: b\ntrain: ../train/images\n")]
    [InlineData("names: {0: a, 1: b,\n  2: c}\n")]
    [InlineData("names: [a,\n  b,\n  c,]\n")]
    [InlineData("train: x\r\nnames:\r\n  0: 'a'\r\n  1: b\r\n  2: \"c\"\r\n")]
    public void ParsesEveryNamesForm(string yaml)
    {
        Assert.Equal(["a", "b", "c"], YoloNames.ParseYaml(yaml, "data.yaml"));
    }

    [Fact]
    public void KeepsHashesAndColonsInsideQuotes()
    {
        Assert.Equal(["a # b", "c: d", "it's"], YoloNames.ParseYaml("names: ['a # b', \"c: d\", 'it''s']", "data.yaml"));
    }

    [Theory]
    [InlineData("nc: 2\nnames: [a, b, c]", "nc is 2")]
    [InlineData("train: x", "no 'names:'")]
    [InlineData("names:\n  0: a\n  2: c", "without gaps")]
    [InlineData("names: [a, a]", "named twice")]
    [InlineData("names: [a, 'b", "unterminated")]
    [InlineData("names: [a, b", "unterminated")]
    [InlineData("names: []", "empty")]
    [InlineData("names:\n  x: a", "not a class index")]
    [InlineData("names: abc", "list or a map")]
    public void BadYaml_SaysWhy(string yaml, string mention)
    {
        var ex = Assert.ThrowsAny<Exception>(() => YoloNames.ParseYaml(yaml, "data.yaml"));
        Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
        Assert.Contains("data.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassesTxt_IgnoresTrailingBlankLines_RejectsInnerOnes()
    {
        Assert.Equal(["x", "y"], YoloNames.ParseClassesTxt("x\r\ny\r\n\r\n", "classes.txt"));
        var ex = Assert.ThrowsAny<Exception>(() => YoloNames.ParseClassesTxt("x\n\ny\n", "classes.txt"));
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomMutations_NeverThrowAnythingButInvalidData()
    {
        const string Yaml = "nc: 3\nnames: {0: 'a', 1: \"b\", 2: c} # x\n";
        var random = new Random(5);
        for (int trial = 0; trial < 2000; trial++)
        {
            var chars = Yaml.ToCharArray();
            for (int k = 0; k < 3; k++)
            {
                chars[random.Next(chars.Length)] = "[]{}:'\",#\n -0123abc"[random.Next(19)];
            }

            string mutated = new(chars);
            try
            {
                _ = YoloNames.ParseYaml(mutated, "data.yaml");
            }
            catch (InvalidDatasetException)
            {
                // expected for broken input
            }
        }
    }
}
