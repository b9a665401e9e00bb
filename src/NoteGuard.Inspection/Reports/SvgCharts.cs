using System.Globalization;
using System.Text;

namespace NoteGuard.Inspection.Reports;

/// <summary>One named line of a chart: points in data units, drawn in the given CSS colour.</summary>
/// <param name="Name">Legend text; an empty name keeps the line out of the legend.</param>
/// <param name="Points">(x, y) pairs in data units; non-finite points are skipped.</param>
/// <param name="Color">A CSS colour, e.g. <c>#1f77b4</c>.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string Color)
{
    /// <summary>Draw the line dashed (e.g. validation beside a solid training line, or a reference line). Default false.</summary>
    public bool Dashed { get; init; }

    /// <summary>Line width in SVG pixels. Default 2.5.</summary>
    public double Width { get; init; } = 2.5;
}

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
    private const int RocWidth = 460;
    private const int RocHeight = 420;

    /// <summary>Most points of one series that still get a dot at every point.</summary>
    private const int MaxMarkedPoints = 40;

    /// <summary>Longest label drawn in full on a confusion-matrix axis; longer ones are cut and keep a tooltip.</summary>
    private const int MaxAxisLabelChars = 16;

    /// <summary>
    /// A line chart of one or more series with axes, "nice" ticks (1, 2 or 5 × 10ⁿ), grid and a legend placed in the
    /// emptiest corner (e.g. loss and accuracy per epoch). When every x is a whole number the x ticks are whole numbers.
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">X axis label.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="series">The lines to draw.</param>
    /// <param name="yRange">Fixed y range (e.g. 0..1 for accuracy); null fits the data, rounded out to ticks.</param>
    /// <param name="markerX">Optional x at which a labelled vertical guide is drawn (e.g. the best epoch).</param>
    /// <param name="markerLabel">Text beside the guide, e.g. "best".</param>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    public static string LineChart(
        string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, (double Min, double Max)? yRange = null,
        double? markerX = null, string? markerLabel = null) =>
        Lines(title, xLabel, yLabel, series, yRange, markerX, markerLabel, markers: true, fixedX: null, new Frame(Width, Height));

    /// <summary>
    /// A confusion matrix as a heat map: rows are true labels, columns predicted labels, each cell shows its count (and,
    /// when large enough, its share of the row); the diagonal is green, errors red, shaded by the row share. Labels longer
    /// than 16 characters are shortened with an ellipsis and keep the full text as a tooltip.
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="labels">Class labels in matrix order.</param>
    /// <param name="counts">counts[true][predicted].</param>
    /// <exception cref="ArgumentException">The matrix is not square with one row and column per label.</exception>
    public static string ConfusionMatrix(string title, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<int>> counts)
    {
        Guard.NotNull(labels);
        Guard.NotNull(counts);
        Guard.IsTrue(counts.Count == labels.Count && counts.All(r => r.Count == labels.Count), "The matrix must be square with one row and column per label.");
        int n = labels.Count;
        int cell = Math.Clamp(440 / Math.Max(1, n), 30, 110);
        int longest = labels.Count == 0 ? 1 : labels.Max(l => Math.Min(l.Length, MaxAxisLabelChars));
        int labelSpace = 14 + (int)(longest * 6.6);
        bool rotate = labelSpace - 14 > cell - 6;
        int left = 34 + labelSpace;
        int top = 64 + (rotate ? (int)(labelSpace * 0.72) : 4);
        int width = Math.Max(left + (cell * n) + 24 + (rotate ? (int)(labelSpace * 0.7) - (cell / 2) : 0), 300); // slanted labels lean right
        int height = top + (cell * n) + 20;
        var svg = Begin(title, width, height);
        int mid = cell * n / 2;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + mid}\" y=\"46\" text-anchor=\"middle\" class=\"axis\">Predicted</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{top + mid}\" text-anchor=\"middle\" class=\"axis\" transform=\"rotate(-90 16 {top + mid})\">True</text>");
        for (int i = 0; i < n; i++)
        {
            int cx = left + (i * cell) + (cell / 2);
            if (rotate)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx}\" y=\"{top - 8}\" text-anchor=\"start\" class=\"tick\" transform=\"rotate(-45 {cx} {top - 8})\">");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx}\" y=\"{top - 8}\" text-anchor=\"middle\" class=\"tick\">");
            }

            AxisLabel(svg, labels[i]);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{top + (i * cell) + (cell / 2) + 4}\" text-anchor=\"end\" class=\"tick\">");
            AxisLabel(svg, labels[i]);
            int rowTotal = counts[i].Sum();
            for (int j = 0; j < n; j++)
            {
                int count = counts[i][j];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                double hue = i == j ? 140 : 4;
                double lightness = 97 - (share * 64);
                var (r, g, b) = Hsl(hue, count == 0 ? 0 : 0.55, count == 0 ? 0.975 : lightness / 100);
                string fill = string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
                string ink = count == 0 ? "#9aa0a6" : InkFor(r, g, b);
                int x = left + (j * cell);
                int y = top + (i * cell);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"1.5\"><title>true {Escape(labels[i])}, predicted {Escape(labels[j])}: {count} ({share * 100:F1}%)</title></rect>");
                bool withShare = cell >= 56 && count > 0;
                int countY = y + (cell / 2) + (withShare ? -1 : 5);
                string size = cell < 40 && count >= 1000 ? " style=\"font-size:10px\"" : string.Empty;
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (cell / 2)}\" y=\"{countY}\" text-anchor=\"middle\" fill=\"{ink}\" class=\"cell\"{size}>{count}</text>");
                if (withShare)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (cell / 2)}\" y=\"{countY + 16}\" text-anchor=\"middle\" fill=\"{ink}\" class=\"share\">{share * 100:F1}%</text>");
                }
            }
        }

        return End(svg);
    }

    /// <summary>
    /// A ROC curve (false-positive rate on x, true-positive rate on y) with the dashed chance diagonal; put the AUC in
    /// each curve's name. Axes are fixed to [0, 1] × [0, 1] and drawn square-ish.
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="curves">One curve per class or model: name (include the AUC), points (FPR, TPR) and colour.</param>
    /// <exception cref="ArgumentNullException"><paramref name="curves"/> is null.</exception>
    public static string RocCurve(string title, IReadOnlyList<ChartSeries> curves)
    {
        Guard.NotNull(curves);
        var chance = new ChartSeries("chance", [(0, 0), (1, 1)], "#9aa0a6") { Dashed = true, Width = 1.5 };
        return Lines(title, "False positive rate", "True positive rate", [chance, .. curves], (0, 1), null, null, markers: false, fixedX: (0, 1), new Frame(RocWidth, RocHeight));
    }

    /// <summary>Removes the SVG namespace declaration so the chart can be inlined in HTML, where it is implied.</summary>
    internal static string ForInlineHtml(string svg) => svg.Replace(" xmlns=\"http://www.w3.org/2000/svg\"", string.Empty, StringComparison.Ordinal);

    /// <summary>Escapes text for XML/HTML content and attributes; characters XML cannot hold become U+FFFD.</summary>
    internal static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if ((c < 0x20 && c is not '\t' and not '\n' and not '\r') || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="max"/> characters, ending in an ellipsis when cut.</summary>
    internal static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Lines(
        string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, (double Min, double Max)? yRange,
        double? markerX, string? markerLabel, bool markers, (double Min, double Max)? fixedX, Frame f)
    {
        Guard.NotNull(series);
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        bool integerX = fixedX is null && points.Count > 0 && points.All(p => p.X == Math.Round(p.X));
        var (xMin, xMax) = fixedX ?? (points.Count == 0 ? (0d, 1d) : (points.Min(p => p.X), points.Max(p => p.X)));
        if (integerX && xMax - xMin < 1)
        {
            (xMin, xMax) = (xMin - 1, xMax + 1); // one epoch: centre it between whole-number ticks
        }

        (xMin, xMax) = Widen(xMin, xMax);
        double yStep;
        double yMin;
        double yMax;
        if (yRange is { } fixedY)
        {
            (yMin, yMax) = Widen(fixedY.Min, fixedY.Max);
            yStep = NiceStep(yMax - yMin);
        }
        else
        {
            (yMin, yMax) = points.Count == 0 ? (0d, 1d) : Widen(points.Min(p => p.Y), points.Max(p => p.Y));
            yStep = NiceStep(yMax - yMin);
            yMin = Math.Floor((yMin / yStep) + 1e-9) * yStep;
            yMax = Math.Ceiling((yMax / yStep) - 1e-9) * yStep;
        }

        double xStep = NiceStep(xMax - xMin);
        if (integerX)
        {
            xStep = Math.Max(1, Math.Round(xStep));
        }

        var svg = Begin(title, f.Width, f.Height);
        Axes(svg, f, xLabel, yLabel, xMin, xMax, xStep, yMin, yMax, yStep);
        double MapX(double x) => Left + ((x - xMin) / (xMax - xMin) * f.PlotWidth);
        double MapY(double y) => Top + f.PlotHeight - ((y - yMin) / (yMax - yMin) * f.PlotHeight);

        if (markerX is double mx && double.IsFinite(mx) && mx >= xMin && mx <= xMax)
        {
            string x = Format(MapX(mx));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" x2=\"{x}\" y1=\"{Top}\" y2=\"{Top + f.PlotHeight}\" stroke=\"#5f6368\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>");
            if (!string.IsNullOrEmpty(markerLabel))
            {
                bool leftSide = MapX(mx) > Left + (f.PlotWidth * 0.85);
                string anchor = leftSide ? "end" : "start";
                string tx = Format(MapX(mx) + (leftSide ? -4 : 4));
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{tx}\" y=\"{Top + f.PlotHeight - 6}\" text-anchor=\"{anchor}\" class=\"note\">{Escape(markerLabel)}</text>");
            }
        }

        var drawn = new List<(double X, double Y)>();
        foreach (var line in series)
        {
            var mapped = line.Points
                .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
                .Select(p => (X: MapX(p.X), Y: MapY(p.Y)))
                .ToList();
            if (mapped.Count == 0)
            {
                continue;
            }

            for (int i = 0; i < mapped.Count; i++)
            {
                drawn.Add(mapped[i]);
                if (i > 0)
                {
                    // Sample along each segment so the legend avoids lines, not only their vertices.
                    for (int t = 1; t < 8; t++)
                    {
                        drawn.Add((mapped[i - 1].X + ((mapped[i].X - mapped[i - 1].X) * t / 8), mapped[i - 1].Y + ((mapped[i].Y - mapped[i - 1].Y) * t / 8)));
                    }
                }
            }

            string coordinates = string.Join(' ', mapped.Select(p => Format(p.X) + "," + Format(p.Y)));
            string dash = line.Dashed ? " stroke-dasharray=\"6 4\"" : string.Empty;
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{Escape(line.Color)}\" stroke-width=\"{Format(line.Width)}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"{dash} points=\"{coordinates}\"><title>{Escape(line.Name)}</title></polyline>");
            if (markers && (mapped.Count <= MaxMarkedPoints || mapped.Count == 1))
            {
                string fill = line.Dashed ? "#fff" : Escape(line.Color);
                foreach (var (x, y) in mapped)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Format(x)}\" cy=\"{Format(y)}\" r=\"3\" fill=\"{fill}\" stroke=\"{Escape(line.Color)}\" stroke-width=\"1.5\"/>");
                }
            }
        }

        Legend(svg, f, series, drawn);
        return End(svg);
    }

    private static void AxisLabel(StringBuilder svg, string label)
    {
        if (label.Length > MaxAxisLabelChars)
        {
            svg.Append("<title>").Append(Escape(label)).Append("</title>");
        }

        svg.Append(Escape(Shorten(label, MaxAxisLabelChars))).Append("</text>");
    }

    private static StringBuilder Begin(string title, int width, int height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>");
        svg.Append("<style>.axis{font-size:13px;fill:#202124}.tick{font-size:11px;fill:#5f6368}.cell{font-size:13px;font-weight:600}.share{font-size:10.5px}.legend{font-size:12px;fill:#202124}.note{font-size:11px;fill:#5f6368}.heading{font-size:15px;font-weight:600;fill:#202124}</style>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"22\" text-anchor=\"middle\" class=\"heading\">{Escape(title)}</text>");
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axes(StringBuilder svg, Frame f, string xLabel, string yLabel, double xMin, double xMax, double xStep, double yMin, double yMax, double yStep)
    {
        foreach (double value in Ticks(yMin, yMax, yStep))
        {
            double y = Top + f.PlotHeight - ((value - yMin) / (yMax - yMin) * f.PlotHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{f.Width - Right}\" y1=\"{Format(y)}\" y2=\"{Format(y)}\" stroke=\"#e8eaed\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Format(y + 4)}\" text-anchor=\"end\" class=\"tick\">{Tick(value, yStep)}</text>");
        }

        foreach (double value in Ticks(xMin, xMax, xStep))
        {
            double x = Left + ((value - xMin) / (xMax - xMin) * f.PlotWidth);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Format(x)}\" x2=\"{Format(x)}\" y1=\"{f.Height - Bottom}\" y2=\"{f.Height - Bottom + 4}\" stroke=\"#5f6368\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Format(x)}\" y=\"{f.Height - Bottom + 18}\" text-anchor=\"middle\" class=\"tick\">{Tick(value, xStep)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{f.Height - Bottom}\" stroke=\"#5f6368\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{f.Width - Right}\" y1=\"{f.Height - Bottom}\" y2=\"{f.Height - Bottom}\" stroke=\"#5f6368\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (f.PlotWidth / 2)}\" y=\"{f.Height - 12}\" text-anchor=\"middle\" class=\"axis\">{Escape(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{Top + (f.PlotHeight / 2)}\" text-anchor=\"middle\" class=\"axis\" transform=\"rotate(-90 16 {Top + (f.PlotHeight / 2)})\">{Escape(yLabel)}</text>");
    }

    /// <summary>Draws the legend in whichever plot corner covers the fewest drawn points, on a white backing.</summary>
    private static void Legend(StringBuilder svg, Frame f, IReadOnlyList<ChartSeries> all, List<(double X, double Y)> drawn)
    {
        var series = all.Where(s => s.Name.Length > 0).ToList(); // unnamed series stay out of the legend
        if (series.Count == 0)
        {
            return;
        }

        const int RowHeight = 18;
        int boxWidth = 40 + (int)(series.Max(s => Math.Min(s.Name.Length, 40)) * 6.4);
        boxWidth = Math.Min(boxWidth, f.PlotWidth - 16);
        int boxHeight = (series.Count * RowHeight) + 8;
        (int X, int Y)[] corners =
        [
            (f.Width - Right - boxWidth - 8, Top + 8),
            (Left + 8, Top + 8),
            (f.Width - Right - boxWidth - 8, f.Height - Bottom - boxHeight - 8),
            (Left + 8, f.Height - Bottom - boxHeight - 8),
        ];
        var best = corners[0];
        int bestCount = int.MaxValue;
        foreach (var corner in corners)
        {
            int inside = drawn.Count(p => p.X >= corner.X - 4 && p.X <= corner.X + boxWidth + 4 && p.Y >= corner.Y - 4 && p.Y <= corner.Y + boxHeight + 4);
            if (inside < bestCount)
            {
                (best, bestCount) = (corner, inside);
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{best.X}\" y=\"{best.Y}\" width=\"{boxWidth}\" height=\"{boxHeight}\" rx=\"4\" fill=\"#fff\" fill-opacity=\"0.9\" stroke=\"#dadce0\"/>");
        int y = best.Y + 4 + (RowHeight / 2);
        foreach (var line in series)
        {
            string dash = line.Dashed ? " stroke-dasharray=\"6 4\"" : string.Empty;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{best.X + 8}\" x2=\"{best.X + 30}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{Escape(line.Color)}\" stroke-width=\"{Format(Math.Max(2, line.Width))}\"{dash}/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{best.X + 36}\" y=\"{y + 4}\" class=\"legend\">{Escape(Shorten(line.Name, 40))}</text>");
            y += RowHeight;
        }
    }

    private static IEnumerable<double> Ticks(double min, double max, double step)
    {
        double first = Math.Ceiling((min / step) - 1e-9) * step;
        for (int i = 0; i < 50; i++)
        {
            double value = first + (i * step);
            if (value > max + (step * 1e-9))
            {
                yield break;
            }

            yield return Math.Abs(value) < step * 1e-9 ? 0 : value;
        }
    }

    /// <summary>A step of 1, 2 or 5 × 10ⁿ giving about five intervals over <paramref name="span"/>.</summary>
    private static double NiceStep(double span)
    {
        double raw = span / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return nice * magnitude;
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

    private static string Tick(double value, double step)
    {
        int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Format(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>HSL (hue in degrees, saturation and lightness in [0, 1]) to 8-bit sRGB.</summary>
    private static (int R, int G, int B) Hsl(double hue, double saturation, double lightness)
    {
        double c = (1 - Math.Abs((2 * lightness) - 1)) * saturation;
        double h = hue / 60;
        double x = c * (1 - Math.Abs((h % 2) - 1));
        var (r, g, b) = h switch
        {
            < 1 => (c, x, 0d),
            < 2 => (x, c, 0d),
            < 3 => (0d, c, x),
            < 4 => (0d, x, c),
            < 5 => (x, 0d, c),
            _ => (c, 0d, x),
        };
        double m = lightness - (c / 2);
        return ((int)Math.Round((r + m) * 255), (int)Math.Round((g + m) * 255), (int)Math.Round((b + m) * 255));
    }

    /// <summary>Black or white, whichever has the higher WCAG contrast ratio against the given background.</summary>
    private static string InkFor(int r, int g, int b)
    {
        static double Linear(int v)
        {
            double s = v / 255.0;
            return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }

        double luminance = (0.2126 * Linear(r)) + (0.7152 * Linear(g)) + (0.0722 * Linear(b));
        double againstBlack = (luminance + 0.05) / 0.05;
        double againstWhite = 1.05 / (luminance + 0.05);
        return againstWhite > againstBlack ? "#fff" : "#202124";
    }

    /// <summary>Outer size of a line chart in SVG pixels; the plot area is inset by the fixed margins.</summary>
    private readonly record struct Frame(int Width, int Height)
    {
        public int PlotWidth => Width - Left - Right;

        public int PlotHeight => Height - Top - Bottom;
    }
}
