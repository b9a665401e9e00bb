using System.Diagnostics;
using NoteGuard.Imaging.Formats.Jpeg;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Formats.Jpeg;

/// <summary>
/// A few real banknote photos from the shared datasets decoded and compared with djpeg run at test time.
/// Skipped (with the reason) when the datasets or djpeg are absent; photos are read in place, never copied.
/// </summary>
public sealed class JpegDatasetTests
{
    /// <summary>Photos per dataset.</summary>
    private const int PhotosPerDataset = 3;

    public static TheoryData<string> Datasets() => new("taka-counterfeit/real", "vnd-denomination/test/images");

    [DatasetsAndDjpegTheory]
    [MemberData(nameof(Datasets))]
    public void RealPhotos_MatchDjpeg(string folder)
    {
        string dir = Path.Combine(TestPaths.Datasets, folder);
        foreach (string file in Directory.GetFiles(dir, "*.jpg").Order(StringComparer.Ordinal).Take(PhotosPerDataset))
        {
            byte[] jpeg = File.ReadAllBytes(file);
            (int width, int height, int channels, byte[] pixels) = Djpeg.Decode(file);
            using Image image = JpegDecoder.Decode(jpeg, DecoderOptions.Default with { ApplyExifOrientation = false });
            Assert.Equal(width, image.Width);
            Assert.Equal(height, image.Height);
            Assert.Equal(channels, image.Channels);
            JpegDecoderCorpusTests.AssertClose(pixels, image.Pixels, channels, Path.GetFileName(file));
        }
    }

    /// <summary>A theory that is skipped, with the reason, when the shared datasets or djpeg are missing.</summary>
    private sealed class DatasetsAndDjpegTheoryAttribute : TheoryAttribute
    {
        public DatasetsAndDjpegTheoryAttribute()
        {
            if (TestPaths.Dataset("taka-counterfeit") is null || TestPaths.Dataset("vnd-denomination") is null)
            {
                Skip = $"shared datasets not found at {TestPaths.Datasets} (set NOTEGUARD_DATA)";
            }
            else if (!Djpeg.IsAvailable)
            {
                Skip = "djpeg (libjpeg-turbo-progs) is not installed";
            }
        }
    }

    /// <summary>Runs the system's djpeg and parses its binary PNM output.</summary>
    internal static class Djpeg
    {
        public static bool IsAvailable { get; } = File.Exists("/usr/bin/djpeg") || (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator).Any(p => File.Exists(Path.Combine(p, "djpeg")));

        /// <summary>djpeg's default decode of <paramref name="path"/>, or at <c>-scale 1/<paramref name="denominator"/></c>.</summary>
        public static (int Width, int Height, int Channels, byte[] Pixels) Decode(string path, int denominator = 1)
        {
            string[] arguments = denominator == 1 ? ["-pnm", path] : ["-pnm", "-scale", $"1/{denominator}", path];
            var start = new ProcessStartInfo("djpeg", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            using Process process = Process.Start(start)!;
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            byte[] data = output.ToArray();
            int pos = 0;
            string[] tokens = new string[4];
            for (int t = 0; t < 4; t++)
            {
                while (char.IsWhiteSpace((char)data[pos]))
                {
                    pos++;
                }

                int begin = pos;
                while (!char.IsWhiteSpace((char)data[pos]))
                {
                    pos++;
                }

                tokens[t] = System.Text.Encoding.ASCII.GetString(data, begin, pos - begin);
            }

            pos++;
            int channels = tokens[0] == "P6" ? 3 : 1;
            int width = int.Parse(tokens[1], System.Globalization.CultureInfo.InvariantCulture);
            int height = int.Parse(tokens[2], System.Globalization.CultureInfo.InvariantCulture);
            return (width, height, channels, data.AsSpan(pos, width * height * channels).ToArray());
        }
    }
}
