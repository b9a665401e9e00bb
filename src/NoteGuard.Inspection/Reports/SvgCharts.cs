using System.Globalization;
using System.Net;
using System.Text;

namespace NoteGuard.Inspection.Reports;

/// <summary>One named line of a chart: points in data units, drawn in the given CSS colour.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Points">(x, y) pairs in data units; non-finite points are skipped.</param>
/// <param name="Color">A CSS colour, e.g. <c>#1f77b4</c>.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string Color);

/// <summary>
/// Self-contained SVG charts for reports: no scripts, no external fonts or styles, readable when printed and by screen
/// readers (each chart has a <c>&lt;title&gt;</c> and <c>role="img"</c>). All text is XML-escaped.
/// </summary>
public static class SvgCharts
{
    private const int Width = 560;
    private const int Height = 340;
    private const int Left = 64;
    private const int Right = 20;
    private const int Top = 36;
    private const int Bottom = 52;

    /// <summary>A line chart of one or more series with axes, ticks, grid and a legend (e.g. loss and accuracy per epoch).</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">X axis label.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="series">The lines to draw.</param>
    /// <param name="yRange">Fixed y range (e.g. 0..1 for accuracy); null fits the data.</param>
    public static string LineChart(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, (double Min, double Max)? yRange = null)
    {
        Guard.NotNull(series);
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var (xMin, xMax) = points.Count == 0 ? (0d, 1d) : (points.Min(p => p.X), points.Max(p => p.X));
        var (yMin, yMax) = yRange ?? (points.Count == 0 ? (0d, 1d) : (points.Min(p => p.Y), points.Max(p => p.Y)));
        (xMin, xMax) = Widen(xMin, xMax);
        (yMin, yMax) = Widen(yMin, yMax);

        var svg = Begin(title);
        Axes(svg, xLabel, yLabel, xMin, xMax, yMin, yMax);
        double plotW = Width - Left - Right;
        double plotH = Height - Top - Bottom;
        foreach (var line in series)
        {
            var coordinates = line.Points
                .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
                .Select(p => Format(Left + ((p.X - xMin) / (xMax - xMin) * plotW)) + "," + Format(Top + plotH - ((p.Y - yMin) / (yMax - yMin) * plotH)))
                .ToList();
            if (coordinates.Count == 0)
            {
                continue;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{Escape(line.Color)}\" stroke-width=\"2.5\" points=\"{string.Join(' ', coordinates)}\"><title>{Escape(line.Name)}</title></polyline>");
            if (coordinates.Count <= 60)
            {
                foreach (string c in coordinates)
                {
                    var xy = c.Split(',');
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3\" fill=\"{Escape(line.Color)}\"/>");
                }
            }
        }

        Legend(svg, series);
        return End(svg);
    }

    /// <summary>
    /// A confusion matrix as a heat map: rows are true labels, columns predicted labels, each cell shows its count and
    /// its share of the row; the diagonal is green, errors red, shaded by the row share.
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="labels">Class labels in matrix order.</param>
    /// <param name="counts">counts[true][predicted].</param>
    public static string ConfusionMatrix(string title, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<int>> counts)
    {
        Guard.NotNull(labels);
        Guard.NotNull(counts);
        Guard.IsTrue(counts.Count == labels.Count && counts.All(r => r.Count == labels.Count), "The matrix must be square with one row and column per label.");
        int n = labels.Count;
        int cell = Math.Clamp(360 / Math.Max(1, n), 28, 90);
        int left = 130;
        int top = 70;
        int width = left + (cell * n) + 20;
        int height = top + (cell * n) + 40;
        var svg = Begin(title, width, height);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (cell * n / 2)}\" y=\"{top - 40}\" text-anchor=\"middle\" class=\"axis\">Predicted</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{top + (cell * n / 2)}\" text-anchor=\"middle\" class=\"axis\" transform=\"rotate(-90 16 {top + (cell * n / 2)})\">True</text>");
        for (int i = 0; i < n; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (i * cell) + (cell / 2)}\" y=\"{top - 8}\" text-anchor=\"middle\" class=\"tick\">{Escape(Shorten(labels[i]))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{top + (i * cell) + (cell / 2) + 4}\" text-anchor=\"end\" class=\"tick\">{Escape(Shorten(labels[i]))}</text>");
            int rowTotal = counts[i].Sum();
            for (int j = 0; j < n; j++)
            {
                int count = counts[i][j];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                string hue = i == j ? "140" : "0";
                double lightness = 97 - (share * 55);
                string fill = string.Create(CultureInfo.InvariantCulture, $"hsl({hue},60%,{lightness:F0}%)");
                string ink = lightness < 60 ? "#fff" : "#111";
                int x = left + (j * cell);
                int y = top + (i * cell);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#fff\"><title>true {Escape(labels[i])}, predicted {Escape(labels[j])}: {count} ({share * 100:F1}%)</title></rect>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (cell / 2)}\" y=\"{y + (cell / 2) + 5}\" text-anchor=\"middle\" fill=\"{ink}\" class=\"cell\">{count}</text>");
            }
        }

        return End(svg);
    }

    /// <summary>A ROC curve (false-positive rate on x, true-positive rate on y) with the chance diagonal and the AUC in the legend.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="curves">One curve per class or model: name (include the AUC), points (FPR, TPR) and colour.</param>
    public static string RocCurve(string title, IReadOnlyList<ChartSeries> curves)
    {
        Guard.NotNull(curves);
        var chance = new ChartSeries("chance", [(0, 0), (1, 1)], "#999999");
        return LineChart(title, "False positive rate", "True positive rate", [chance, .. curves], (0, 1));
    }

    private static StringBuilder Begin(string title, int width = Width, int height = Height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" font-family=\"system-ui, sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>");
        svg.Append("<style>.axis{font-size:13px;fill:#222}.tick{font-size:11px;fill:#444}.cell{font-size:13px;font-weight:600}.legend{font-size:12px;fill:#222}</style>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\">{Escape(title)}</text>");
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axes(StringBuilder svg, string xLabel, string yLabel, double xMin, double xMax, double yMin, double yMax)
    {
        double plotW = Width - Left - Right;
        double plotH = Height - Top - Bottom;
        for (int i = 0; i <= 5; i++)
        {
            double fy = i / 5.0;
            double y = Top + plotH - (fy * plotH);
            double yValue = yMin + (fy * (yMax - yMin));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Format(y)}\" y2=\"{Format(y)}\" stroke=\"#e5e5e5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Format(y + 4)}\" text-anchor=\"end\" class=\"tick\">{Tick(yValue, yMax - yMin)}</text>");
            double x = Left + (fy * plotW);
            double xValue = xMin + (fy * (xMax - xMin));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Format(x)}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" class=\"tick\">{Tick(xValue, xMax - xMin)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\" class=\"axis\">{Escape(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{Top + (plotH / 2)}\" text-anchor=\"middle\" class=\"axis\" transform=\"rotate(-90 16 {Format(Top + (plotH / 2))})\">{Escape(yLabel)}</text>");
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        int x = Left + 10;
        int y = Top + 8;
        foreach (var line in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"4\" fill=\"{Escape(line.Color)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 20}\" y=\"{y + 6}\" class=\"legend\">{Escape(line.Name)}</text>");
            y += 18;
        }
    }

    private static (double Min, double Max) Widen(double min, double max)
    {
        if (max - min > 1e-12)
        {
            return (min, max);
        }

        double pad = Math.Abs(min) > 1e-12 ? Math.Abs(min) * 0.05 : 0.5;
        return (min - pad, max + pad);
    }

    private static string Tick(double value, double span) =>
        span >= 20 ? value.ToString("F0", CultureInfo.InvariantCulture)
        : span >= 2 ? value.ToString("F1", CultureInfo.InvariantCulture)
        : value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Shorten(string label) => label.Length <= 14 ? label : label[..13] + "…";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
