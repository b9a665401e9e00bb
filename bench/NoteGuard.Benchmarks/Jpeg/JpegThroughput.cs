using System.Diagnostics;
using System.Globalization;
using NoteGuard.Imaging;

namespace NoteGuard.Benchmarks.Jpeg;

/// <summary>
/// A quick stopwatch runner (not BenchmarkDotNet): decodes each file repeatedly with NoteGuard and with
/// libjpeg-turbo in alternating rounds on one thread and prints megapixels per second and the ratio.
/// Usage: <c>dotnet run -c Release --project bench/NoteGuard.Benchmarks -- jpeg-throughput [FILE|taka-384|vnd-416|synthetic-2048x1536-420-q90]...</c>
/// </summary>
public static class JpegThroughput
{
    private const double SecondsPerRound = 0.5;
    private const int Rounds = 6;

    /// <summary>Runs the measurement; returns 0, or 1 when an input cannot be read.</summary>
    public static int Run(string[] inputs)
    {
        if (inputs.Length == 0)
        {
            inputs = [.. JpegBenchmarkInputs.Names];
        }

        using var peer = LibjpegTurbo.IsAvailable ? new LibjpegTurbo() : null;
        Console.WriteLine("| input | size | NoteGuard MP/s | libjpeg-turbo MP/s | ratio |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (string input in inputs)
        {
            byte[] jpeg = JpegBenchmarkInputs.Load(input);
            var options = DecoderOptions.Default with { ApplyExifOrientation = false };
            int width;
            int height;
            using (Image first = ImageCodec.Decode(jpeg, options))
            {
                width = first.Width;
                height = first.Height;
            }

            double megapixels = (double)width * height / 1e6;
            double ours = 0;
            double theirs = 0;
            var header = peer?.ReadHeader(jpeg) ?? default;
            byte[] peerOutput = new byte[header.Width * header.Height * (header.Gray ? 1 : 3)];

            // Alternate rounds so both see the same machine load; keep each side's best round.
            for (int round = 0; round < Rounds; round++)
            {
                ours = Math.Max(ours, Measure(() =>
                {
                    using Image image = ImageCodec.Decode(jpeg, options);
                }) * megapixels);
                if (peer is not null)
                {
                    theirs = Math.Max(theirs, Measure(() => peer.Decode(jpeg, peerOutput, header.Width, header.Height, header.Gray)) * megapixels);
                }
            }

            string name = File.Exists(input) ? Path.GetFileName(input) : input;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {width}x{height} | {ours:F1} | {(peer is null ? "n/a" : theirs.ToString("F1", CultureInfo.InvariantCulture))} | {(peer is null ? "n/a" : (ours / theirs).ToString("F2", CultureInfo.InvariantCulture))} |"));
        }

        return 0;
    }

    /// <summary>Decodes per second over one round.</summary>
    private static double Measure(Action decode)
    {
        decode();
        int count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < SecondsPerRound)
        {
            decode();
            count++;
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}
