using System.Buffers.Binary;
using System.Text.Json;
using NoteGuard.Imaging;
using NoteGuard.TestUtilities;

namespace NoteGuard.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class ImageCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteTestPng(int width = 40, int height = 30)
    {
        using var image = Image.Create(width, height, PixelFormat.Rgb24);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, y, 0] = (byte)(x * 6);
                image[x, y, 1] = (byte)(y * 8);
                image[x, y, 2] = (byte)((x + y) % 2 * 255);
            }
        }

        string path = Path.Combine(_dir, "input.png");
        ImageCodec.Save(image, path);
        return path;
    }

    [Fact]
    public void InfoReportsSizeAsJson()
    {
        string png = WriteTestPng();
        var result = CliRunner.Run("image", "info", png, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("png", json.RootElement.GetProperty("format").GetString());
        Assert.Equal(40, json.RootElement.GetProperty("width").GetInt32());
        Assert.Equal(30, json.RootElement.GetProperty("height").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("channels").GetInt32());
    }

    [Fact]
    public void ConvertWritesEveryOutputFormatByExtension()
    {
        string png = WriteTestPng();
        using var original = ImageCodec.Load(png);
        foreach (string ext in new[] { ".ppm", ".png" })
        {
            string output = Path.Combine(_dir, "out" + ext);
            var result = CliRunner.Run("image", "convert", png, output);
            Assert.Equal(0, result.ExitCode);
            using var back = ImageCodec.Load(output);
            Assert.Equal(original.Pixels.ToArray(), back.Pixels.ToArray());
        }
    }

    [Fact]
    public void ConvertToUnknownExtensionIsAUsageError()
    {
        string png = WriteTestPng();
        var result = CliRunner.Run("image", "convert", png, Path.Combine(_dir, "out.gif"));
        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(_dir, "out.gif")));
    }

    [Fact]
    public void ProcessRunsAPipeline()
    {
        string png = WriteTestPng();
        string output = Path.Combine(_dir, "edges.pgm");
        var result = CliRunner.Run("image", "process", png, output, "--op", "gray", "--op", "clahe:clip=2,tiles=8", "--op", "sobel:mode=magnitude", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var edges = ImageCodec.Load(output);
        Assert.Equal(PixelFormat.Gray8, edges.Format);
        Assert.Equal((40, 30), (edges.Width, edges.Height));
    }

    [Fact]
    public void OutputFolderIsCreated()
    {
        string png = WriteTestPng();
        string output = Path.Combine(_dir, "new", "deeper", "copy.png");
        var result = CliRunner.Run("image", "convert", png, output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void ProcessRejectsUnknownOperationBeforeDecoding()
    {
        var result = CliRunner.Run("image", "process", Path.Combine(_dir, "missing.png"), Path.Combine(_dir, "o.png"), "--op", "sharpenn");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown operation 'sharpenn'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsInvalidInput()
    {
        CliRunner.Run("image", "info", Path.Combine(_dir, "nope.jpg")).AssertInvalidInput("No such file");
    }

    [Fact]
    public void EmptyAndGarbageFilesAreInvalidInput()
    {
        string empty = Path.Combine(_dir, "empty.jpg");
        File.WriteAllBytes(empty, []);
        CliRunner.Run("image", "convert", empty, Path.Combine(_dir, "o.png")).AssertInvalidInput("empty");

        string garbage = Path.Combine(_dir, "garbage.png");
        File.WriteAllText(garbage, "this is not an image at all");
        CliRunner.Run("image", "info", garbage).AssertInvalidInput("unrecognised");
        Assert.False(File.Exists(Path.Combine(_dir, "o.png")));
    }

    [Fact]
    public void TruncatedPngAndJpegAreInvalidInput()
    {
        string png = WriteTestPng();
        byte[] bytes = File.ReadAllBytes(png);
        string truncated = Path.Combine(_dir, "truncated.png");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        CliRunner.Run("image", "convert", truncated, Path.Combine(_dir, "o.png")).AssertInvalidInput();

        // A JPEG that stops right after its start-of-image and a quantisation table.
        string jpeg = Path.Combine(_dir, "truncated.jpg");
        File.WriteAllBytes(jpeg, [0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x43, 0x00, 1, 2, 3]);
        CliRunner.Run("image", "convert", jpeg, Path.Combine(_dir, "o.png")).AssertInvalidInput();
    }

    [Fact]
    public void HugeDeclaredImageIsRefusedBeforeAllocation()
    {
        // A well-formed PNG header (valid CRC) that declares 100,000 × 100,000 pixels, followed by nothing useful.
        string bomb = Path.Combine(_dir, "bomb.png");
        File.WriteAllBytes(bomb, PngWithHeaderOnly(100_000, 100_000));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = CliRunner.Run("image", "convert", bomb, Path.Combine(_dir, "o.png"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        result.AssertInvalidInput();
        Assert.True(allocated < 64L << 20, $"allocated {allocated} bytes before refusing");

        // The same through a lower --max-pixels on a small but real image.
        string png = WriteTestPng();
        CliRunner.Run("image", "convert", png, Path.Combine(_dir, "o2.png"), "--max-pixels", "100").AssertInvalidInput("limit");
    }

    [Fact]
    public void HelpTeachesWithExamples()
    {
        var result = CliRunner.Run("image", "process", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--op", result.Stdout, StringComparison.Ordinal);
    }

    internal static byte[] PngWithHeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(stream, "IHDR"u8, ihdr);
        WriteChunk(stream, "IDAT"u8, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WriteChunk(stream, "IEND"u8, []);
        return stream.ToArray();
    }

    private static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        byte[] typed = [.. type, .. data];
        stream.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    /// <summary>Bitwise CRC-32 (ISO-HDLC polynomial 0xEDB88320), independent of the decoder's table-driven one.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
