using BenchmarkDotNet.Attributes;
using NoteGuard.Imaging;

namespace NoteGuard.Benchmarks.Jpeg;

/// <summary>
/// JPEG decode, NoteGuard against libjpeg-turbo (TurboJPEG, in-process, single-threaded, same defaults as djpeg)
/// on the same bytes in the same run; the Ratio column is NoteGuard time / libjpeg-turbo time.
/// </summary>
[MemoryDiagnoser]
public class JpegDecodeBenchmarks
{
    private byte[] _jpeg = [];
    private byte[] _peerOutput = [];
    private LibjpegTurbo? _peer;
    private (int Width, int Height, bool Gray) _header;

    /// <summary>Input name (see <see cref="JpegBenchmarkInputs"/>).</summary>
    [ParamsSource(nameof(Inputs))]
    public string Input { get; set; } = JpegBenchmarkInputs.Taka;

    public static IEnumerable<string> Inputs => JpegBenchmarkInputs.Names;

    [GlobalSetup]
    public void Setup()
    {
        _jpeg = JpegBenchmarkInputs.Load(Input);
        _peer = new LibjpegTurbo();
        _header = _peer.ReadHeader(_jpeg);
        _peerOutput = new byte[_header.Width * _header.Height * (_header.Gray ? 1 : 3)];
    }

    [GlobalCleanup]
    public void Cleanup() => _peer?.Dispose();

    [Benchmark(Baseline = true, Description = "libjpeg-turbo")]
    public int LibjpegTurboDecode()
    {
        _peer!.Decode(_jpeg, _peerOutput, _header.Width, _header.Height, _header.Gray);
        return _peerOutput[0];
    }

    [Benchmark(Description = "NoteGuard")]
    public int NoteGuardDecode()
    {
        using Image image = ImageCodec.Decode(_jpeg, s_noOrientation);
        return image.Width;
    }

    private static readonly DecoderOptions s_noOrientation = DecoderOptions.Default with { ApplyExifOrientation = false };
}
