using System.Globalization;
using System.Xml.Linq;
using NoteGuard.Inspection.Reports;

namespace NoteGuard.Inspection.Tests.Reports;

public sealed class SvgChartsTests
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void LineChartMapsDataToTheExpectedPixels()
    {
        var loss = new ChartSeries("train loss", [(1, 1.0), (2, 0.5), (3, 0.0)], "#1f77b4");
        var doc = XDocument.Parse(SvgCharts.LineChart("Loss", "epoch", "loss", [loss]));
        var polyline = Assert.Single(doc.Descendants(s_svg + "polyline"));
        var points = polyline.Attribute("points")!.Value.Split(' ')
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal(3, points.Length);
        // Plot area: x 64..540, y 36..288. First point top-left, last bottom-right, middle in the centre.
        Assert.Equal(64, points[0][0], 1);
        Assert.Equal(36, points[0][1], 1);
        Assert.Equal(302, points[1][0], 1);
        Assert.Equal(162, points[1][1], 1);
        Assert.Equal(540, points[2][0], 1);
        Assert.Equal(288, points[2][1], 1);
        Assert.Equal("Loss", doc.Root!.Element(s_svg + "title")!.Value);
        Assert.Equal("img", doc.Root.Attribute("role")!.Value);
    }

    [Fact]
    public void TextIsEscapedAndNonFinitePointsAreSkipped()
    {
        var series = new ChartSeries("<script>&", [(0, double.NaN), (1, 2), (2, double.PositiveInfinity), (3, 4)], "#000");
        string svg = SvgCharts.LineChart("a < b", "x", "y", [series]);
        var doc = XDocument.Parse(svg); // well-formed despite the markup in labels
        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Equal(2, doc.Descendants(s_svg + "polyline").Single().Attribute("points")!.Value.Split(' ').Length);
    }

    [Fact]
    public void ConfusionMatrixShowsEveryCountWithRowShares()
    {
        string[] labels = ["genuine", "counterfeit"];
        int[][] counts = [[8, 2], [1, 9]];
        var doc = XDocument.Parse(SvgCharts.ConfusionMatrix("Confusion", labels, counts));
        var cells = doc.Descendants(s_svg + "rect").Where(r => r.Element(s_svg + "title") is not null).ToList();
        Assert.Equal(4, cells.Count);
        Assert.Contains(cells, c => c.Element(s_svg + "title")!.Value == "true genuine, predicted counterfeit: 2 (20.0%)");
        Assert.Contains(cells, c => c.Element(s_svg + "title")!.Value == "true counterfeit, predicted counterfeit: 9 (90.0%)");
    }

    [Fact]
    public void ConfusionMatrixMustBeSquare()
    {
        Assert.Throws<ArgumentException>(() => SvgCharts.ConfusionMatrix("x", ["a", "b"], [[1, 2]]));
    }

    [Fact]
    public void RocCurveIncludesTheChanceLine()
    {
        var roc = new ChartSeries("model (AUC 0.93)", [(0, 0), (0.1, 0.8), (1, 1)], "#d62728");
        var doc = XDocument.Parse(SvgCharts.RocCurve("ROC", [roc]));
        Assert.Equal(2, doc.Descendants(s_svg + "polyline").Count());
        Assert.Contains(doc.Descendants(s_svg + "text"), t => t.Value == "model (AUC 0.93)");
    }

    [Fact]
    public void FittedAxesUseNiceTicksAndRoundOutward()
    {
        // Loss from 0.23 to 2.31: step 0.5 (span 2.08 / 5 ≈ 0.42 → 0.5), axis 0.0 … 2.5.
        var loss = new ChartSeries("loss", [(1, 2.31), (2, 1.1), (3, 0.23)], "#000");
        var doc = XDocument.Parse(SvgCharts.LineChart("Loss", "epoch", "loss", [loss]));
        var yTicks = doc.Descendants(s_svg + "text").Where(t => (string?)t.Attribute("class") == "tick" && (string?)t.Attribute("text-anchor") == "end").Select(t => t.Value).ToList();
        Assert.Equal(["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"], yTicks);
        var xTicks = doc.Descendants(s_svg + "text").Where(t => (string?)t.Attribute("class") == "tick" && (string?)t.Attribute("text-anchor") == "middle").Select(t => t.Value).ToList();
        Assert.Equal(["1", "2", "3"], xTicks); // whole-number x values get whole-number ticks
    }

    [Fact]
    public void LegendAvoidsTheCornerTheLinesRunThrough()
    {
        // A falling line crosses the top-left and bottom-right corners; the legend must go top-right or bottom-left.
        var falling = new ChartSeries("falling", [(0, 1), (1, 0)], "#000");
        var doc = XDocument.Parse(SvgCharts.LineChart("L", "x", "y", [falling], (0, 1)));
        var box = doc.Descendants(s_svg + "rect").Single(r => (string?)r.Attribute("rx") == "4");
        double x = double.Parse(box.Attribute("x")!.Value, CultureInfo.InvariantCulture);
        double y = double.Parse(box.Attribute("y")!.Value, CultureInfo.InvariantCulture);
        bool topRight = x > 300 && y < 100;
        bool bottomLeft = x < 100 && y > 200;
        Assert.True(topRight || bottomLeft, $"legend at ({x}, {y})");
    }

    [Fact]
    public void DashedAndUnnamedSeriesAndTheMarkerAreDrawn()
    {
        var train = new ChartSeries("train", [(1, 1.0), (2, 0.5)], "#111");
        var validation = new ChartSeries("validation", [(1, 1.1), (2, 0.7)], "#222") { Dashed = true };
        var hidden = new ChartSeries(string.Empty, [(1, 0.9), (2, 0.6)], "#333");
        var doc = XDocument.Parse(SvgCharts.LineChart("L", "epoch", "loss", [train, validation, hidden], null, 2, "best"));
        var lines = doc.Descendants(s_svg + "polyline").ToList();
        Assert.Equal(3, lines.Count);
        Assert.Null(lines[0].Attribute("stroke-dasharray"));
        Assert.NotNull(lines[1].Attribute("stroke-dasharray"));
        var legendTexts = doc.Descendants(s_svg + "text").Where(t => (string?)t.Attribute("class") == "legend").Select(t => t.Value).ToList();
        Assert.Equal(["train", "validation"], legendTexts);
        Assert.Contains(doc.Descendants(s_svg + "text"), t => (string?)t.Attribute("class") == "note" && t.Value == "best");
    }
}
