using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NoteGuard.Learning.Kernels;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Layers;

/// <summary>
/// Max pooling over NCHW, like <c>torch.nn.MaxPool2d</c> (floor output size; padding counts as −∞). In training the
/// winning input index of every output is recorded for backward; ties go to the first element in scan order, as torch.
/// </summary>
public sealed class MaxPool2d : Module
{
    private Tensor? _input;
    private Tensor? _output;
    private Tensor? _gradInput;
    private int[] _argmax = [];

    /// <summary>Creates the layer; the stride defaults to the kernel size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">kernel or stride not positive, or padding above half the kernel.</exception>
    public MaxPool2d(int kernelSize, int? stride = null, int padding = 0)
    {
        Guard.MustBePositive(kernelSize);
        Guard.MustBePositive(stride ?? kernelSize, nameof(stride));
        Guard.MustBeBetween(padding, 0, kernelSize / 2);
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
    }

    /// <summary>Window size.</summary>
    public int KernelSize { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Implicit −∞ padding on each side.</summary>
    public int Padding { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var g = PoolGeometry.For(input, KernelSize, Stride, Padding);
        var output = Tensor.Ensure(ref _output, g.N, g.C, g.OutH, g.OutW);
        if (IsTraining)
        {
            if (_argmax.Length < output.Length)
            {
                _argmax = GC.AllocateUninitializedArray<int>(output.Length);
            }

            _input = input;
        }

        bool fast = IsFast(g);
        var work = new MaxForward(g, input, output, IsTraining && !fast ? _argmax : null);
        ParallelWork.Run(ref work, ParallelWork.SharesFor(input.Length, g.N * g.C));
        return output;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        RequireForward(_input, nameof(MaxPool2d));
        Guard.IsTrue(gradOutput.HasShape(_output!.Shape), "gradient shape differs from the output", nameof(gradOutput));
        var gradInput = Tensor.Ensure(ref _gradInput, _input.Shape);
        int planes = _input.Dim(0) * _input.Dim(1);
        var g = PoolGeometry.For(_input, KernelSize, Stride, Padding);
        var work = new MaxBackward(g, _input, _output, gradOutput, gradInput, IsFast(g) ? null : _argmax);
        ParallelWork.Run(ref work, ParallelWork.SharesFor(_input.Length, planes));
        return gradInput;
    }

    /// <inheritdoc />
    protected override void OnModeChanged() => _input = null;

    private static bool IsFast(in PoolGeometry g) => g.Kernel == 2 && g.Stride == 2 && g.Pad == 0;

    /// <summary>Per share: a range of planes; the gradient goes to the recorded (or, for 2×2/2, recomputed) winners.</summary>
    private readonly struct MaxBackward(PoolGeometry g, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput, int[]? argmax) : IParallelWork
    {
        public void Run(int part, int parts)
        {
            var (start, end) = ParallelWork.Range(g.N * g.C, part, parts);
            int inPlane = g.H * g.W;
            int outPlane = g.OutH * g.OutW;
            var x = input.Span;
            var y = output.Span;
            var dy = gradOutput.Span;
            var dx = gradInput.Span;
            for (int p = start; p < end; p++)
            {
                var d = dx.Slice(p * inPlane, inPlane);
                d.Clear();
                if (argmax is null)
                {
                    Backward2x2(x.Slice(p * inPlane, inPlane), y.Slice(p * outPlane, outPlane), dy.Slice(p * outPlane, outPlane), d, g.W, g.OutH, g.OutW);
                    continue;
                }

                for (int o = p * outPlane, stop = o + outPlane; o < stop; o++)
                {
                    d[argmax[o]] += dy[o];
                }
            }
        }
    }

    private readonly struct MaxForward(PoolGeometry g, Tensor input, Tensor output, int[]? argmax) : IParallelWork
    {
        public void Run(int part, int parts)
        {
            var (start, end) = ParallelWork.Range(g.N * g.C, part, parts);
            var x = input.Span;
            var y = output.Span;
            int inPlane = g.H * g.W;
            int outPlane = g.OutH * g.OutW;
            for (int p = start; p < end; p++)
            {
                var src = x.Slice(p * inPlane, inPlane);
                var dst = y.Slice(p * outPlane, outPlane);
                var idx = argmax is null ? Span<int>.Empty : argmax.AsSpan(p * outPlane, outPlane);
                if (g.Kernel == 2 && g.Stride == 2 && g.Pad == 0)
                {
                    Max2x2(src, g.W, dst, g.OutH, g.OutW, idx);
                    continue;
                }

                for (int oy = 0; oy < g.OutH; oy++)
                {
                    int y0 = (oy * g.Stride) - g.Pad;
                    int yLo = Math.Max(y0, 0);
                    int yHi = Math.Min(y0 + g.Kernel, g.H);
                    for (int ox = 0; ox < g.OutW; ox++)
                    {
                        int x0 = (ox * g.Stride) - g.Pad;
                        int xLo = Math.Max(x0, 0);
                        int xHi = Math.Min(x0 + g.Kernel, g.W);
                        float best = float.NegativeInfinity;
                        int bestIndex = (yLo * g.W) + xLo;
                        for (int iy = yLo; iy < yHi; iy++)
                        {
                            for (int ix = xLo; ix < xHi; ix++)
                            {
                                float v = src[(iy * g.W) + ix];
                                if (v > best || float.IsNaN(v))
                                {
                                    best = v;
                                    bestIndex = (iy * g.W) + ix;
                                }
                            }
                        }

                        dst[(oy * g.OutW) + ox] = best;
                        if (!idx.IsEmpty)
                        {
                            idx[(oy * g.OutW) + ox] = bestIndex;
                        }
                    }
                }
            }
        }

        private static unsafe void Max2x2(ReadOnlySpan<float> src, int width, Span<float> dst, int outH, int outW, Span<int> idx)
        {
            fixed (float* ps = src)
            fixed (float* pd = dst)
            {
                for (int oy = 0; oy < outH; oy++)
                {
                    float* r0 = ps + (2 * oy * width);
                    float* r1 = r0 + width;
                    float* d = pd + (oy * outW);
                    int rowBase = 2 * oy * width;
                    int ox = 0;
                    if (idx.IsEmpty && Avx2.IsSupported)
                    {
                        // 8 outputs per step: vertical max of the two rows, then even/odd lanes (shuffle 0x88 / 0xDD pick
                        // elements 0,2 / 1,3 of each 128-bit half) and a 64-bit permute to restore the order.
                        for (; ox <= outW - 8; ox += 8)
                        {
                            var m0 = Avx.Max(Avx.LoadVector256(r0 + (2 * ox)), Avx.LoadVector256(r1 + (2 * ox)));
                            var m1 = Avx.Max(Avx.LoadVector256(r0 + (2 * ox) + 8), Avx.LoadVector256(r1 + (2 * ox) + 8));
                            var pairMax = Avx.Max(Avx.Shuffle(m0, m1, 0x88), Avx.Shuffle(m0, m1, 0xDD));
                            Avx.Store(d + ox, Avx2.Permute4x64(pairMax.AsDouble(), 0xD8).AsSingle());
                        }
                    }

                    for (; ox < outW; ox++)
                    {
                        int c = 2 * ox;
                        float best = r0[c];
                        int at = rowBase + c;
                        if (r0[c + 1] > best)
                        {
                            best = r0[c + 1];
                            at = rowBase + c + 1;
                        }

                        if (r1[c] > best)
                        {
                            best = r1[c];
                            at = rowBase + width + c;
                        }

                        if (r1[c + 1] > best)
                        {
                            best = r1[c + 1];
                            at = rowBase + width + c + 1;
                        }

                        d[ox] = best;
                        if (!idx.IsEmpty)
                        {
                            idx[(oy * outW) + ox] = at;
                        }
                    }
                }
            }
        }
    }

    /// <summary>2×2/2 backward without recorded winners: the first window element equal to the output (scan order, as torch).</summary>
    private static void Backward2x2(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int width, int outH, int outW)
    {
        for (int oy = 0; oy < outH; oy++)
        {
            int rowBase = 2 * oy * width;
            for (int ox = 0; ox < outW; ox++)
            {
                int o = (oy * outW) + ox;
                float best = y[o];
                int c = rowBase + (2 * ox);
                int at = x[c] == best ? c : x[c + 1] == best ? c + 1 : x[c + width] == best ? c + width : c + width + 1;
                dx[at] += dy[o];
            }
        }
    }
}

/// <summary>
/// Average pooling over NCHW, like <c>torch.nn.AvgPool2d</c> (floor output size; with <c>countIncludePad</c>, the torch
/// default, zero padding counts in the divisor).
/// </summary>
public sealed class AvgPool2d : Module
{
    private Tensor? _input;
    private Tensor? _output;
    private Tensor? _gradInput;

    /// <summary>Creates the layer; the stride defaults to the kernel size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">kernel or stride not positive, or padding above half the kernel.</exception>
    public AvgPool2d(int kernelSize, int? stride = null, int padding = 0, bool countIncludePad = true)
    {
        Guard.MustBePositive(kernelSize);
        Guard.MustBePositive(stride ?? kernelSize, nameof(stride));
        Guard.MustBeBetween(padding, 0, kernelSize / 2);
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        CountIncludePad = countIncludePad;
    }

    /// <summary>Window size.</summary>
    public int KernelSize { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public int Padding { get; }

    /// <summary>Whether padded positions count in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var g = PoolGeometry.For(input, KernelSize, Stride, Padding);
        var output = Tensor.Ensure(ref _output, g.N, g.C, g.OutH, g.OutW);
        var x = input.Span;
        var y = output.Span;
        for (int p = 0; p < g.N * g.C; p++)
        {
            for (int oy = 0; oy < g.OutH; oy++)
            {
                for (int ox = 0; ox < g.OutW; ox++)
                {
                    var (yLo, yHi, xLo, xHi, divisor) = Window(g, oy, ox);
                    double sum = 0;
                    for (int iy = yLo; iy < yHi; iy++)
                    {
                        for (int ix = xLo; ix < xHi; ix++)
                        {
                            sum += x[(p * g.H * g.W) + (iy * g.W) + ix];
                        }
                    }

                    y[(p * g.OutH * g.OutW) + (oy * g.OutW) + ox] = (float)(sum / divisor);
                }
            }
        }

        _input = IsTraining ? input : null;
        return output;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        RequireForward(_input, nameof(AvgPool2d));
        var g = PoolGeometry.For(_input, KernelSize, Stride, Padding);
        Guard.IsTrue(gradOutput.HasShape([g.N, g.C, g.OutH, g.OutW]), "gradient shape differs from the output", nameof(gradOutput));
        var gradInput = Tensor.Ensure(ref _gradInput, _input.Shape);
        var dx = gradInput.Span;
        dx.Clear();
        var dy = gradOutput.Span;
        for (int p = 0; p < g.N * g.C; p++)
        {
            for (int oy = 0; oy < g.OutH; oy++)
            {
                for (int ox = 0; ox < g.OutW; ox++)
                {
                    var (yLo, yHi, xLo, xHi, divisor) = Window(g, oy, ox);
                    float share = dy[(p * g.OutH * g.OutW) + (oy * g.OutW) + ox] / divisor;
                    for (int iy = yLo; iy < yHi; iy++)
                    {
                        for (int ix = xLo; ix < xHi; ix++)
                        {
                            dx[(p * g.H * g.W) + (iy * g.W) + ix] += share;
                        }
                    }
                }
            }
        }

        return gradInput;
    }

    /// <inheritdoc />
    protected override void OnModeChanged() => _input = null;

    private (int YLo, int YHi, int XLo, int XHi, int Divisor) Window(in PoolGeometry g, int oy, int ox)
    {
        int y0 = (oy * g.Stride) - g.Pad;
        int x0 = (ox * g.Stride) - g.Pad;
        int y1 = Math.Min(y0 + g.Kernel, g.H + g.Pad);
        int x1 = Math.Min(x0 + g.Kernel, g.W + g.Pad);
        int padded = (y1 - y0) * (x1 - x0);
        int yLo = Math.Max(y0, 0);
        int xLo = Math.Max(x0, 0);
        int yHi = Math.Min(y1, g.H);
        int xHi = Math.Min(x1, g.W);
        return (yLo, yHi, xLo, xHi, CountIncludePad ? padded : (yHi - yLo) * (xHi - xLo));
    }
}

/// <summary>
/// Adaptive average pooling to a fixed output size, like <c>torch.nn.AdaptiveAvgPool2d</c>: output cell i covers input
/// rows floor(i·H/out) … ceil((i+1)·H/out) − 1. An output size of 1 is global average pooling.
/// </summary>
public sealed class AdaptiveAvgPool2d : Module
{
    private Tensor? _input;
    private Tensor? _output;
    private Tensor? _gradInput;

    /// <summary>Creates the layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An output size is not positive.</exception>
    public AdaptiveAvgPool2d(int outputHeight, int outputWidth)
    {
        Guard.MustBePositive(outputHeight);
        Guard.MustBePositive(outputWidth);
        OutputHeight = outputHeight;
        OutputWidth = outputWidth;
    }

    /// <summary>Creates a square output.</summary>
    public AdaptiveAvgPool2d(int outputSize)
        : this(outputSize, outputSize)
    {
    }

    /// <summary>Output rows.</summary>
    public int OutputHeight { get; }

    /// <summary>Output columns.</summary>
    public int OutputWidth { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        Guard.NotNull(input);
        Guard.IsTrue(input.Rank == 4, $"AdaptiveAvgPool2d expects NCHW, got {input}", nameof(input));
        int planes = input.Dim(0) * input.Dim(1);
        int h = input.Dim(2);
        int w = input.Dim(3);
        var output = Tensor.Ensure(ref _output, input.Dim(0), input.Dim(1), OutputHeight, OutputWidth);
        var x = input.Span;
        var y = output.Span;
        for (int p = 0; p < planes; p++)
        {
            var plane = x.Slice(p * h * w, h * w);
            if (OutputHeight == 1 && OutputWidth == 1)
            {
                y[p] = TensorPrimitives.Sum(plane) / (h * w);
                continue;
            }

            for (int oy = 0; oy < OutputHeight; oy++)
            {
                int y0 = oy * h / OutputHeight;
                int y1 = (((oy + 1) * h) + OutputHeight - 1) / OutputHeight;
                for (int ox = 0; ox < OutputWidth; ox++)
                {
                    int x0 = ox * w / OutputWidth;
                    int x1 = (((ox + 1) * w) + OutputWidth - 1) / OutputWidth;
                    double sum = 0;
                    for (int iy = y0; iy < y1; iy++)
                    {
                        sum += TensorPrimitives.Sum(plane.Slice((iy * w) + x0, x1 - x0));
                    }

                    y[(((p * OutputHeight) + oy) * OutputWidth) + ox] = (float)(sum / ((y1 - y0) * (x1 - x0)));
                }
            }
        }

        _input = IsTraining ? input : null;
        return output;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        RequireForward(_input, nameof(AdaptiveAvgPool2d));
        Guard.IsTrue(gradOutput.HasShape(_output!.Shape), "gradient shape differs from the output", nameof(gradOutput));
        int planes = _input.Dim(0) * _input.Dim(1);
        int h = _input.Dim(2);
        int w = _input.Dim(3);
        var gradInput = Tensor.Ensure(ref _gradInput, _input.Shape);
        var dx = gradInput.Span;
        dx.Clear();
        var dy = gradOutput.Span;
        for (int p = 0; p < planes; p++)
        {
            var plane = dx.Slice(p * h * w, h * w);
            for (int oy = 0; oy < OutputHeight; oy++)
            {
                int y0 = oy * h / OutputHeight;
                int y1 = (((oy + 1) * h) + OutputHeight - 1) / OutputHeight;
                for (int ox = 0; ox < OutputWidth; ox++)
                {
                    int x0 = ox * w / OutputWidth;
                    int x1 = (((ox + 1) * w) + OutputWidth - 1) / OutputWidth;
                    float share = dy[(((p * OutputHeight) + oy) * OutputWidth) + ox] / ((y1 - y0) * (x1 - x0));
                    for (int iy = y0; iy < y1; iy++)
                    {
                        var row = plane.Slice((iy * w) + x0, x1 - x0);
                        TensorPrimitives.Add(row, share, row);
                    }
                }
            }
        }

        return gradInput;
    }

    /// <inheritdoc />
    protected override void OnModeChanged() => _input = null;
}

internal readonly record struct PoolGeometry(int N, int C, int H, int W, int Kernel, int Stride, int Pad)
{
    public int OutH => ((H + (2 * Pad) - Kernel) / Stride) + 1;

    public int OutW => ((W + (2 * Pad) - Kernel) / Stride) + 1;

    public static PoolGeometry For(Tensor input, int kernel, int stride, int pad)
    {
        Guard.NotNull(input);
        Guard.IsTrue(input.Rank == 4, $"pooling expects NCHW, got {input}", nameof(input));
        var g = new PoolGeometry(input.Dim(0), input.Dim(1), input.Dim(2), input.Dim(3), kernel, stride, pad);
        Guard.IsTrue(g.H + (2 * pad) >= kernel && g.W + (2 * pad) >= kernel, $"input {input} is smaller than the {kernel}×{kernel} window", nameof(input));
        return g;
    }
}
