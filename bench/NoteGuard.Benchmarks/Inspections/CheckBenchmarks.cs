using BenchmarkDotNet.Attributes;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Benchmarks.Inspections;

/// <summary>
/// <c>noteguard check</c>'s in-process work on one 512×512 JPEG with compact-cnn (enhanced 64×64), whole and by stage
/// (see docs/benchmarks/check.md; the stopwatch mode <c>check-latency</c> gives the per-stage medians in one run).
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private byte[] _photo = [];
    private Image? _decoded;
    private float[] _tensor = [];
    private BanknoteModel? _model;
    private BanknoteInspector? _inspector;

    [GlobalSetup]
    public void Setup()
    {
        _photo = CheckInputs.Photo512();
        _decoded = ImageCodec.Decode(_photo);
        _model = CheckInputs.Denomination();
        _inspector = new BanknoteInspector([_model]);
        _tensor = Preprocessor.Run(_decoded, _model.Preset);
    }

    [GlobalCleanup]
    public void Cleanup() => _decoded?.Dispose();

    [Benchmark(Description = "check: decode + preprocess + infer")]
    public InspectionResult Check() => _inspector!.Inspect(_photo, null, CancellationToken.None);

    [Benchmark(Description = "decode 512×512 JPEG")]
    public int Decode()
    {
        using var image = ImageCodec.Decode(_photo);
        return image.Width;
    }

    [Benchmark(Description = "preprocess enhanced 64×64")]
    public float[] Preprocess() => Preprocessor.Run(_decoded!, _model!.Preset);

    [Benchmark(Description = "infer compact-cnn, batch 1")]
    public float[] Infer() => _model!.PredictPrepared(_tensor);
}
