using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NoteGuard.Imaging;
using NoteGuard.Imaging.Processing.Geometry;

namespace NoteGuard.Benchmarks.Processing;

/// <summary>
/// Resize throughput against OpenCV's single-threaded <c>cv2.resize</c> (peer: bench/peers/opencv_resize.py, same
/// inputs and cases). Run with <c>DOTNET_PROCESSOR_COUNT=1</c> so our row-parallel driver also uses one thread:
/// <c>DOTNET_PROCESSOR_COUNT=1 dotnet run -c Release --project bench/NoteGuard.Benchmarks -- --filter '*ResizeBenchmarks*'</c>
/// (the config selects a short in-process job, which inherits that variable).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SingleThreadConfig))]
public class ResizeBenchmarks
{
    private Image _large = null!;
    private Image _small = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (Environment.ProcessorCount != 1)
        {
            Console.WriteLine($"// Warning: {Environment.ProcessorCount} processors visible; set DOTNET_PROCESSOR_COUNT=1 to compare with single-threaded OpenCV.");
        }

        _large = CreateSource(2048, 1536);
        _small = CreateSource(384, 384);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _large.Dispose();
        _small.Dispose();
    }

    [Benchmark]
    public void Bilinear_2048x1536_to_224x224() => _large.Resize(224, 224, ResizeMode.Bilinear).Dispose();

    [Benchmark]
    public void Area_2048x1536_to_224x224() => _large.Resize(224, 224, ResizeMode.Area).Dispose();

    [Benchmark]
    public void Bilinear_384x384_to_64x64() => _small.Resize(64, 64, ResizeMode.Bilinear).Dispose();

    [Benchmark]
    public void Area_384x384_to_64x64() => _small.Resize(64, 64, ResizeMode.Area).Dispose();

    /// <summary>The peer's pattern: sample = (x·7 + y·3 + channel·50) &amp; 255, RGB.</summary>
    internal static Image CreateSource(int width, int height)
    {
        var image = Image.Create(width, height, PixelFormat.Rgb24);
        for (int y = 0; y < height; y++)
        {
            var row = image.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    row[(x * 3) + c] = (byte)(((x * 7) + (y * 3) + (c * 50)) & 255);
                }
            }
        }

        return image;
    }

    private sealed class SingleThreadConfig : ManualConfig
    {
        public SingleThreadConfig()
        {
            // In-process (no boilerplate build) with enough iterations that Min/Median mean something on a shared
            // machine; the peer script reports the minimum round too.
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance).WithId("InProcess-15"));
            AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        }
    }
}
