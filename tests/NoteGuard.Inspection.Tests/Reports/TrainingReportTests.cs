using System.Globalization;
using System.Xml.Linq;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Reports;
using NoteGuard.Learning.Metrics;

namespace NoteGuard.Inspection.Tests.Reports;

public sealed class TrainingReportTests
{
    private const string DataUriPrefix = "data:image/png;base64,";

    private static readonly Lazy<TrainingReportData> s_binary = new(() => TrainingReportSamples.Create(TrainingReportSamples.BinaryLabels, 30, 120, 2.6, 7));
    private static readonly Lazy<TrainingReportData> s_denominations = new(() => TrainingReportSamples.Create(TrainingReportSamples.DenominationLabels, 100, 390, 3.4, 11));

    [Fact]
    public void ReportIsWellFormedAndNamesEveryLabel()
    {
        foreach (var data in new[] { s_binary.Value, s_denominations.Value })
        {
            string html = TrainingReport.Render(data);
            var doc = Parse(html);
            Assert.Equal("html", doc.Root!.Name.LocalName);
            var text = string.Join("\n", doc.Descendants().Select(e => e.Value));
            foreach (string label in data.Test.Labels)
            {
                // Every label appears in full in the per-class table.
                Assert.Contains(doc.Descendants("td"), td => td.Value == label);
            }

            Assert.Contains(data.Architecture, text, StringComparison.Ordinal);
            Assert.Contains(data.Preset, text, StringComparison.Ordinal);
            Assert.Contains(data.SplitDescription, text, StringComparison.Ordinal);
            Assert.Contains(doc.Descendants("th"), th => th.Value == "Near-duplicates across splits");
            Assert.Contains(doc.Descendants("td"), td => td.Value == "adamw (weight decay 0.01)");
        }
    }

    [Fact]
    public void UserTextIsEscapedEverywhere()
    {
        const string Nasty = "<b>&\"";
        const string Path = "/data/<script>alert(1)</script>/x'y.jpg";
        var data = TrainingReportSamples.Create(["genuine", Nasty], 3, 40, 0.8, 3) with
        {
            Title = Nasty + " title",
            Misclassified = [new MisclassifiedExample(Path, Nasty, "genuine", 0.9, null)],
            AuditSummary = new Dictionary<string, string> { [Nasty] = Nasty },
            Settings = new Dictionary<string, string> { ["note"] = "a\u0001b" },
        };

        string html = TrainingReport.Render(data);

        Assert.DoesNotContain(Nasty, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;b&gt;&amp;&quot;", html, StringComparison.Ordinal);
        var doc = Parse(html); // a control character or stray markup would make this throw
        Assert.Contains(doc.Descendants("td"), td => td.Value == Nasty);
        Assert.Contains(doc.Descendants("h1"), h => h.Value == Nasty + " title");
        Assert.Contains(doc.Descendants("span"), s => (string?)s.Attribute("title") == Path);
    }

    [Fact]
    public void ReportHoldsTheCurvesConfusionMatrixAndRoc()
    {
        var doc = Parse(TrainingReport.Render(s_binary.Value));
        var titles = doc.Descendants("svg").Select(s => s.Element("title")!.Value).ToList();
        Assert.Contains("Loss", titles);
        Assert.Contains("Accuracy", titles);
        Assert.Contains("Confusion matrix", titles);
        Assert.Contains(titles, t => t.StartsWith("ROC", StringComparison.Ordinal));
        var roc = doc.Descendants("svg").Single(s => s.Element("title")!.Value.StartsWith("ROC", StringComparison.Ordinal));
        // Chance line plus the positive class's curve, which starts at (0, 0) and ends at (1, 1).
        var lines = roc.Descendants("polyline").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(s_binary.Value.Test.Auc!.Value.ToString("F3", CultureInfo.InvariantCulture), lines[1].Element("title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyClassesDrawTheMicroAverageOverFaintPerClassCurves()
    {
        var data = s_denominations.Value;
        var doc = Parse(TrainingReport.Render(data));
        var roc = doc.Descendants("svg").Single(s => s.Element("title")!.Value.StartsWith("ROC", StringComparison.Ordinal));
        Assert.Equal(1 + data.Test.Labels.Count + 1, roc.Descendants("polyline").Count());
        Assert.Contains(roc.Descendants("text"), t => t.Value.StartsWith("micro-average (AUC ", StringComparison.Ordinal));
        // The per-class table gains a one-vs-rest AUC column.
        Assert.Contains(doc.Descendants("th"), th => th.Value == "AUC (one-vs-rest)");
    }

    [Fact]
    public void ReportReferencesNothingOutsideItself()
    {
        string html = TrainingReport.Render(s_denominations.Value);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        var doc = Parse(html);
        foreach (var attribute in doc.Descendants().Attributes().Where(a => a.Name.LocalName is "src" or "href"))
        {
            Assert.StartsWith("data:", attribute.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ThumbnailsAreEmbeddedAsDecodablePngDataUris()
    {
        var data = s_binary.Value;
        var doc = Parse(TrainingReport.Render(data));
        var images = doc.Descendants("img").ToList();
        Assert.Equal(Math.Min(data.Misclassified.Count, TrainingReport.MaxMisclassifiedShown), images.Count);
        Assert.NotEmpty(images);
        foreach (var img in images)
        {
            string src = img.Attribute("src")!.Value;
            Assert.StartsWith(DataUriPrefix, src, StringComparison.Ordinal);
            using var thumbnail = ImageCodec.Decode(Convert.FromBase64String(src[DataUriPrefix.Length..]));
            Assert.True(thumbnail.Width <= 96 && thumbnail.Height <= 96, $"{thumbnail.Width}×{thumbnail.Height}");
            Assert.False(string.IsNullOrWhiteSpace(img.Attribute("alt")?.Value));
        }
    }

    [Fact]
    public void AtMostTheCapOfMisclassifiedExamplesIsShownMostConfidentFirst()
    {
        var data = s_denominations.Value;
        Assert.True(data.Misclassified.Count > TrainingReport.MaxMisclassifiedShown, "the sample must exceed the cap");
        var doc = Parse(TrainingReport.Render(data));
        var examples = doc.Descendants("figure").Where(f => (string?)f.Attribute("class") == "example").ToList();
        Assert.Equal(TrainingReport.MaxMisclassifiedShown, examples.Count);
        var shown = examples.Select(f => double.Parse(f.Descendants("span").Single(s => (string?)s.Attribute("class") == "confidence").Value[4..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(shown.OrderByDescending(p => p), shown);
        Assert.Contains($"of {data.Misclassified.Count} mistakes", doc.Root!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void CurvesRenderForOneAndForManyEpochs(int epochs)
    {
        var data = TrainingReportSamples.Create(TrainingReportSamples.BinaryLabels, epochs, 60, 2, 5);
        var doc = Parse(TrainingReport.Render(data));
        var loss = doc.Descendants("svg").Single(s => s.Element("title")!.Value == "Loss");
        var train = loss.Descendants("polyline").First();
        Assert.Equal(epochs, train.Attribute("points")!.Value.Split(' ').Length);
        var xTicks = loss.Descendants("text").Where(t => (string?)t.Attribute("class") == "tick" && (string?)t.Attribute("y") == "306").Select(t => t.Value).ToList();
        Assert.NotEmpty(xTicks);
        Assert.All(xTicks, t => Assert.True(int.TryParse(t, out _), $"x tick '{t}' is not a whole epoch"));
        if (epochs == 1)
        {
            Assert.Equal(["0", "1", "2"], xTicks);
            Assert.Equal(2, loss.Descendants("circle").Count()); // train and validation dots, visible without a line
        }
        else
        {
            Assert.Empty(loss.Descendants("circle")); // 100 dots would only clutter the lines
            Assert.Contains("100", xTicks);
        }

        Assert.Equal(epochs, doc.Descendants("details").Single().Descendants("tbody").Single().Elements("tr").Count());
    }

    [Fact]
    public void ConfusionMatricesStayReadableForTwoAndThirteenClasses()
    {
        var two = Parse(SvgCharts.ConfusionMatrix("two", TrainingReportSamples.BinaryLabels, s_binary.Value.Test.Confusion));
        var thirteen = Parse(SvgCharts.ConfusionMatrix("thirteen", TrainingReportSamples.DenominationLabels, s_denominations.Value.Test.Confusion));
        XNamespace svg = "http://www.w3.org/2000/svg";
        foreach (var (doc, n) in new[] { (two, 2), (thirteen, 13) })
        {
            var viewBox = doc.Root!.Attribute("viewBox")!.Value.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var cells = doc.Descendants(svg + "rect").Where(r => r.Element(svg + "title") is not null).ToList();
            Assert.Equal(n * n, cells.Count);
            foreach (var cell in cells)
            {
                double size = double.Parse(cell.Attribute("width")!.Value, CultureInfo.InvariantCulture);
                Assert.True(size >= 30, $"cell of {size} px is too small to read");
                Assert.True(double.Parse(cell.Attribute("x")!.Value, CultureInfo.InvariantCulture) + size <= viewBox[2]);
                Assert.True(double.Parse(cell.Attribute("y")!.Value, CultureInfo.InvariantCulture) + size <= viewBox[3]);
            }
        }

        // Long names are shortened on the axes and keep the full name as a tooltip; column labels are slanted.
        string longest = TrainingReportSamples.DenominationLabels[9];
        var axisLabels = thirteen.Descendants(svg + "text").Where(t => t.Element(svg + "title")?.Value == longest).ToList();
        Assert.Equal(2, axisLabels.Count);
        Assert.All(axisLabels, t => Assert.EndsWith("…", t.Nodes().OfType<XText>().Single().Value, StringComparison.Ordinal));
        Assert.Contains(axisLabels, t => t.Attribute("transform")?.Value.StartsWith("rotate(-45", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(two.Descendants(svg + "text"), t => t.Attribute("transform")?.Value.StartsWith("rotate(-45", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void ThumbnailKeepsTheAspectRatioAndNeverEnlarges()
    {
        using var wide = TrainingReportSamples.Note(0, 0);
        using var small = ImageCodec.Decode(TrainingReport.Thumbnail(wide));
        Assert.Equal(96, small.Width);
        Assert.Equal(44, small.Height); // 240×110 scaled by 0.4
        using var tiny = Image.Create(20, 10, PixelFormat.Gray8);
        using var same = ImageCodec.Decode(TrainingReport.Thumbnail(tiny));
        Assert.Equal((20, 10), (same.Width, same.Height));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingReport.Thumbnail(tiny, 4));
    }

    [Fact]
    public void ScoresOfTheWrongShapeAreRejected()
    {
        var data = s_binary.Value with { TestScores = [0.5, 0.5, 0.5] };
        Assert.Throws<ArgumentException>(() => TrainingReport.Render(data));
    }

    [Fact]
    public void WriteCreatesTheFile()
    {
        string folder = NoteGuard.TestUtilities.TestPaths.NewTempDirectory();
        string path = Path.Combine(folder, "report.html");
        TrainingReport.Write(s_binary.Value, path);
        Assert.Equal(TrainingReport.Render(s_binary.Value), File.ReadAllText(path));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void ReportWithoutScoresHistoryOrMistakesStillRenders()
    {
        var data = s_binary.Value with { TestTruth = null, TestScores = null, History = [], Misclassified = [], AuditSummary = null, Settings = null };
        var doc = Parse(TrainingReport.Render(data));
        Assert.DoesNotContain(doc.Descendants("svg"), s => s.Element("title")!.Value.StartsWith("ROC", StringComparison.Ordinal));
        Assert.Single(doc.Descendants("svg")); // the confusion matrix only
    }

    /// <summary>Parses the HTML as XML (the report is written XHTML-compatible).</summary>
    internal static XDocument Parse(string html) => XDocument.Parse(html.Replace("<!DOCTYPE html>", string.Empty, StringComparison.Ordinal));
}
