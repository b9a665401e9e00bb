using System.Diagnostics;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Reports;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Reports;

/// <summary>
/// Opens the sample reports in headless Chromium and checks the screenshots show a page. Runs only when
/// <c>CI=true</c> or <c>NOTEGUARD_BROWSER_TESTS=1</c> and a Chromium binary exists; <c>NOTEGUARD_REPORT_OUT</c> names a
/// folder that keeps the HTML and PNG files (used by <c>tests/browser/report-screenshot.sh</c>).
/// </summary>
public sealed class TrainingReportBrowserTests
{
    /// <summary>Least standard deviation of the screenshot's gray levels: a blank or error page is nearly uniform.</summary>
    private const double MinGrayStandardDeviation = 12;

    /// <summary>Least share of pixels that are not the page background: text, charts and thumbnails.</summary>
    private const double MinInkShare = 0.03;

    private static readonly string[] s_chromiumCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>Two pages in CI (a desktop and a phone width); the screenshot script also asks for the 13-class desktop page.</summary>
    public static TheoryData<string, int, int> Pages()
    {
        var pages = new TheoryData<string, int, int> { { "binary", 1280, 2400 }, { "denominations", 390, 2600 } };
        if (Environment.GetEnvironmentVariable("NOTEGUARD_REPORT_OUT") is { Length: > 0 })
        {
            pages.Add("denominations", 1280, 3400);
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ChromiumRendersTheReport(string sample, int width, int height)
    {
        string? chromium = s_chromiumCandidates.FirstOrDefault(File.Exists);
        bool enabled = Environment.GetEnvironmentVariable("CI") == "true" || Environment.GetEnvironmentVariable("NOTEGUARD_BROWSER_TESTS") == "1";
        if (!enabled || chromium is null)
        {
            return; // needs a real browser; CI and tests/browser/report-screenshot.sh turn it on
        }

        string? keep = Environment.GetEnvironmentVariable("NOTEGUARD_REPORT_OUT");
        string folder = keep is { Length: > 0 } ? Directory.CreateDirectory(keep).FullName : TestPaths.NewTempDirectory();
        var data = sample == "binary"
            ? TrainingReportSamples.Create(TrainingReportSamples.BinaryLabels, 30, 120, 2.6, 7)
            : TrainingReportSamples.Create(TrainingReportSamples.DenominationLabels, 60, 390, 3.4, 11);
        if (Environment.GetEnvironmentVariable("NOTEGUARD_REPORT_IMAGES") is { Length: > 0 } photos && Directory.Exists(photos))
        {
            data = TrainingReportSamples.WithPhotos(data, photos); // real pictures for the eye; CI uses the drawn ones
        }
        string html = Path.Combine(folder, $"report-{sample}.html");
        string png = Path.Combine(folder, $"report-{sample}-{width}.png");
        TrainingReport.Write(data, html);
        File.Delete(png);
        string profile = TestPaths.NewTempDirectory();

        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            $"--user-data-dir={profile}",
            $"--window-size={width},{height}", $"--screenshot={png}", new Uri(html).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start)!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(File.Exists(png), $"no screenshot; chromium said: {await stderr}{await stdout}");
        }

        TryDelete(profile);
        using var shot = ImageCodec.Load(png);
        Assert.Equal(width, shot.Width);
        var (deviation, ink) = GrayStatistics(shot);
        Assert.True(deviation >= MinGrayStandardDeviation, $"screenshot looks blank: gray standard deviation {deviation:F1}");
        Assert.True(ink >= MinInkShare, $"screenshot looks blank: {ink:P1} of pixels differ from the background");
        if (keep is not { Length: > 0 })
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BlankScreenshotsFailTheCheck()
    {
        using var white = Image.Create(64, 64, PixelFormat.Rgb24);
        white.Pixels.Fill(255);
        var (deviation, ink) = GrayStatistics(white);
        Assert.True(deviation < MinGrayStandardDeviation && ink < MinInkShare);

        // Half dark, half white: a page with content passes.
        using var page = Image.Create(64, 64, PixelFormat.Rgb24);
        page.Pixels[..(page.Length / 2)].Fill(255);
        (deviation, ink) = GrayStatistics(page);
        Assert.True(deviation >= MinGrayStandardDeviation && ink >= MinInkShare);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A browser helper process may still hold a file for a moment; the temp folder is harmless.
        }
    }

    internal static (double Deviation, double InkShare) GrayStatistics(Image image)
    {
        var pixels = image.Pixels;
        int channels = image.Channels;
        long count = (long)image.Width * image.Height;
        double sum = 0;
        double sumSquares = 0;
        long ink = 0;
        for (int i = 0; i < pixels.Length; i += channels)
        {
            double gray = channels >= 3 ? (0.299 * pixels[i]) + (0.587 * pixels[i + 1]) + (0.114 * pixels[i + 2]) : pixels[i];
            sum += gray;
            sumSquares += gray * gray;
            ink += gray < 200 ? 1 : 0;
        }

        double mean = sum / count;
        return (Math.Sqrt(Math.Max(0, (sumSquares / count) - (mean * mean))), (double)ink / count);
    }
}
