using System.Diagnostics;
using NoteGuard.Imaging;
using NoteGuard.Imaging.Processing.Color;
using NoteGuard.Imaging.Processing.Histogram;

namespace NoteGuard.Benchmarks;

public static class Scratch
{
    public static int Run(string file)
    {
        using var full = ImageCodec.Load(file);
        using var img = NoteGuard.Inspection.Preprocessing.TensorSampler.ReduceForSampling(full, 128, 128);
        void T(string name, Action a)
        {
            for (int i = 0; i < 50; i++) a();
            double best = double.MaxValue;
            for (int r = 0; r < 5; r++)
            {
                var w = Stopwatch.StartNew();
                for (int i = 0; i < 200; i++) a();
                best = Math.Min(best, w.Elapsed.TotalMilliseconds / 200);
            }
            Console.WriteLine($"{name}: {best:F4} ms");
        }
        var bytes = File.ReadAllBytes(file);
        T("decode", () => ImageCodec.Decode(bytes).Dispose());
        T("decode 1/2", () => ImageCodec.Decode(bytes, DecoderOptions.Default with { MinimumSize = 192 }).Dispose());
        T("decode 1/4", () => ImageCodec.Decode(bytes, DecoderOptions.Default with { MinimumSize = 96 }).Dispose());
        T("decode 1/8", () => ImageCodec.Decode(bytes, DecoderOptions.Default with { MinimumSize = 48 }).Dispose());
        T("identify", () => ImageCodec.Identify(bytes));
        using var half = ImageCodec.Decode(bytes, DecoderOptions.Default with { MinimumSize = 192 });
        T("area 192->128", () => NoteGuard.Imaging.Processing.Geometry.ResizeExtensions.Resize(half, 128, 128, NoteGuard.Imaging.Processing.Geometry.ResizeMode.Area).Dispose());
        T("toLab", () => img.ToLab().Dispose());
        using var lab = img.ToLab();
        T("labToRgb", () => lab.LabToRgb().Dispose());
        T("extract", () => lab.ExtractChannel(0).Dispose());
        using var l = lab.ExtractChannel(0);
        T("clahe gray", () => l.ApplyClahe(new ClaheOptions(2, 8, 8)).Dispose());
        T("clahe rgb", () => img.ApplyClahe(new ClaheOptions(2, 8, 8)).Dispose());
        T("reduce", () => NoteGuard.Inspection.Preprocessing.TensorSampler.ReduceForSampling(full, 128, 128).Dispose());
        return 0;
    }
}
