using NoteGuard.Learning.Kernels;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Layers;

/// <summary>
/// 2-D convolution over NCHW input, like <c>torch.nn.Conv2d</c>: weight [out, in/groups, kh, kw], optional bias [out].
/// Grouped and depthwise convolutions are supported. General shapes run as im2col + packed GEMM per image (1×1 stride-1
/// convolutions multiply the input directly, skipping im2col); depthwise ones (one input and one output channel per group)
/// run a direct loop. A batch is split over the cores by image; a single image splits the GEMM instead.
/// </summary>
public sealed class Conv2d : Module
{
    private readonly Parameter _weight;
    private readonly Parameter? _bias;
    private Tensor? _input;
    private Tensor? _output;
    private Tensor? _gradInput;
    private float[][] _columns = [];
    private float[][] _columnGrads = [];
    private float[][] _weightGradParts = [];
    private float[][] _biasGradParts = [];

    /// <summary>Creates the layer with PyTorch's default initialisation (kaiming_uniform a=√5; bias U(±1/√fan_in)).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, padding negative, or channels not divisible by groups.</exception>
    public Conv2d(
        int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1, int groups = 1,
        bool bias = true, SeededRandom? random = null)
        : this(inChannels, outChannels, (kernelSize, kernelSize), (stride, stride), (padding, padding), (dilation, dilation), groups, bias, random)
    {
    }

    /// <summary>Creates the layer with separate height/width sizes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, padding negative, or channels not divisible by groups.</exception>
    public Conv2d(
        int inChannels, int outChannels, (int H, int W) kernelSize, (int H, int W) stride, (int H, int W) padding,
        (int H, int W) dilation, int groups = 1, bool bias = true, SeededRandom? random = null)
    {
        Guard.MustBePositive(inChannels);
        Guard.MustBePositive(outChannels);
        Guard.MustBePositive(kernelSize.H);
        Guard.MustBePositive(kernelSize.W);
        Guard.MustBePositive(stride.H);
        Guard.MustBePositive(stride.W);
        Guard.MustBeNonNegative(padding.H);
        Guard.MustBeNonNegative(padding.W);
        Guard.MustBePositive(dilation.H);
        Guard.MustBePositive(dilation.W);
        Guard.MustBePositive(groups);
        Guard.IsTrue(inChannels % groups == 0 && outChannels % groups == 0, "channel counts must be divisible by groups", nameof(groups));
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        random ??= new SeededRandom(0);
        var w = new Tensor(outChannels, inChannels / groups, kernelSize.H, kernelSize.W);
        Init.KaimingUniform(w, random, Math.Sqrt(5));
        _weight = RegisterParameter("weight", w);
        if (bias)
        {
            var b = new Tensor(outChannels);
            Init.BiasUniform(b, Init.Fans(w.Shape).FanIn, random);
            _bias = RegisterParameter("bias", b);
        }
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel height and width.</summary>
    public (int H, int W) KernelSize { get; }

    /// <summary>Stride.</summary>
    public (int H, int W) Stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public (int H, int W) Padding { get; }

    /// <summary>Dilation between kernel taps.</summary>
    public (int H, int W) Dilation { get; }

    /// <summary>Channel groups (InChannels = Groups gives a depthwise convolution).</summary>
    public int Groups { get; }

    /// <summary>Weight [out, in/groups, kh, kw].</summary>
    public Parameter Weight => _weight;

    /// <summary>Bias [out], or null.</summary>
    public Parameter? Bias => _bias;

    private bool IsDepthwise => InChannels == Groups && OutChannels == Groups;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var g = Geometry(input);
        int n = input.Dim(0);
        var output = Tensor.Ensure(ref _output, n, OutChannels, g.OutHeight, g.OutWidth);
        _input = IsTraining ? input : null;
        if (IsDepthwise)
        {
            var work = new DepthwiseForward(this, g, input, output);
            ParallelWork.Run(ref work, Math.Min(ParallelWork.WorkerCount, InChannels));
            return output;
        }

        int workers = Math.Min(ParallelWork.WorkerCount, n);
        EnsureWorkspaces(g, workers, backward: false);
        var job = new GemmForward(this, g, input, output, innerParallel: workers < ParallelWork.WorkerCount);
        ParallelWork.Run(ref job, workers);
        return output;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        RequireForward(_input, nameof(Conv2d));
        var input = _input;
        var g = Geometry(input);
        int n = input.Dim(0);
        Guard.IsTrue(gradOutput.HasShape([n, OutChannels, g.OutHeight, g.OutWidth]), "gradient shape differs from the output", nameof(gradOutput));
        Tensor gradInput = Empty;
        if (InputGradientNeeded)
        {
            gradInput = Tensor.Ensure(ref _gradInput, input.Shape);
        }

        if (IsDepthwise)
        {
            var work = new DepthwiseBackward(this, g, input, gradOutput, gradInput);
            ParallelWork.Run(ref work, Math.Min(ParallelWork.WorkerCount, InChannels));
            return gradInput;
        }

        int workers = Math.Min(ParallelWork.WorkerCount, n);
        EnsureWorkspaces(g, workers, backward: true);
        var job = new GemmBackward(this, g, input, gradOutput, gradInput, innerParallel: workers < ParallelWork.WorkerCount);
        ParallelWork.Run(ref job, workers);
        var wg = _weight.Grad.Span;
        for (int w = 0; w < workers; w++)
        {
            TensorPrimitives.Add(wg, _weightGradParts[w].AsSpan(0, wg.Length), wg);
            if (_bias is not null)
            {
                var bg = _bias.Grad.Span;
                TensorPrimitives.Add(bg, _biasGradParts[w].AsSpan(0, bg.Length), bg);
            }
        }

        return gradInput;
    }

    /// <inheritdoc />
    protected override void OnModeChanged()
    {
        _input = null;
    }

    private ConvGeometry Geometry(Tensor input)
    {
        Guard.NotNull(input);
        Guard.IsTrue(input.Rank == 4 && input.Dim(1) == InChannels, $"Conv2d expects [N, {InChannels}, H, W], got {input}", nameof(input));
        var g = new ConvGeometry(
            InChannels / Groups, input.Dim(2), input.Dim(3), KernelSize.H, KernelSize.W, Stride.H, Stride.W, Padding.H, Padding.W, Dilation.H, Dilation.W);
        Guard.IsTrue(g.OutHeight > 0 && g.OutWidth > 0, $"input {input} is smaller than the kernel", nameof(input));
        return g;
    }

    private void EnsureWorkspaces(in ConvGeometry g, int workers, bool backward)
    {
        int colLength = g.IsPointwise ? 0 : g.ColumnRows * g.ColumnCols;
        EnsureArrays(ref _columns, workers, colLength);
        if (backward)
        {
            EnsureArrays(ref _columnGrads, workers, InputGradientNeeded ? colLength : 0);
            EnsureArrays(ref _weightGradParts, workers, _weight.Length);
            EnsureArrays(ref _biasGradParts, workers, OutChannels);
        }
    }

    private static void EnsureArrays(ref float[][] arrays, int count, int length)
    {
        if (arrays.Length < count)
        {
            Array.Resize(ref arrays, count);
        }

        for (int i = 0; i < count; i++)
        {
            if (arrays[i] is null || arrays[i].Length < length)
            {
                arrays[i] = GC.AllocateUninitializedArray<float>(length);
            }
        }
    }

    /// <summary>Per share: a contiguous range of images; out_g = W_g · im2col(x_g) (+ bias, preloaded into C).</summary>
    private readonly struct GemmForward(Conv2d conv, ConvGeometry g, Tensor input, Tensor output, bool innerParallel) : IParallelWork
    {
        public void Run(int part, int parts)
        {
            int n = input.Dim(0);
            var (start, end) = ParallelWork.Range(n, part, parts);
            int groups = conv.Groups;
            int outG = conv.OutChannels / groups;
            int k = g.ColumnRows;
            int hw = g.ColumnCols;
            int inPlane = conv.InChannels * g.Height * g.Width;
            int inGroup = g.Channels * g.Height * g.Width;
            var w = conv._weight.Value.Span;
            var x = input.Span;
            var y = output.Span;
            float[] columns = conv._columns[part];
            for (int img = start; img < end; img++)
            {
                for (int grp = 0; grp < groups; grp++)
                {
                    var image = x.Slice((img * inPlane) + (grp * inGroup), inGroup);
                    ReadOnlySpan<float> b = image;
                    if (!g.IsPointwise)
                    {
                        Im2Col.Expand(g, image, columns);
                        b = columns.AsSpan(0, k * hw);
                    }

                    var c = y.Slice(((img * conv.OutChannels) + (grp * outG)) * hw, outG * hw);
                    bool accumulate = conv._bias is not null;
                    if (accumulate)
                    {
                        var bias = conv._bias!.Value.Span.Slice(grp * outG, outG);
                        for (int o = 0; o < outG; o++)
                        {
                            c.Slice(o * hw, hw).Fill(bias[o]);
                        }
                    }

                    Gemm.Multiply(outG, hw, k, w.Slice(grp * outG * k, outG * k), k, false, b, hw, false, c, hw, accumulate, innerParallel);
                }
            }
        }
    }

    /// <summary>
    /// Per share: dW_part += dY_g · colᵀ and db_part += Σ dY over its images; dcol = W_gᵀ · dY_g scattered back by col2im.
    /// The per-share weight gradients are summed afterwards, so shares never write the same memory.
    /// </summary>
    private readonly struct GemmBackward(Conv2d conv, ConvGeometry g, Tensor input, Tensor gradOutput, Tensor gradInput, bool innerParallel) : IParallelWork
    {
        public void Run(int part, int parts)
        {
            int n = input.Dim(0);
            var (start, end) = ParallelWork.Range(n, part, parts);
            int groups = conv.Groups;
            int outG = conv.OutChannels / groups;
            int k = g.ColumnRows;
            int hw = g.ColumnCols;
            int inPlane = conv.InChannels * g.Height * g.Width;
            int inGroup = g.Channels * g.Height * g.Width;
            bool wantInput = gradInput.Length > 0;
            var w = conv._weight.Value.Span;
            var x = input.Span;
            var dy = gradOutput.Span;
            var dx = wantInput ? gradInput.Span : Span<float>.Empty;
            var dw = conv._weightGradParts[part].AsSpan(0, conv._weight.Length);
            var db = conv._biasGradParts[part].AsSpan(0, conv.OutChannels);
            dw.Clear();
            db.Clear();
            float[] columns = conv._columns[part];
            float[] columnGrads = conv._columnGrads[part];
            for (int img = start; img < end; img++)
            {
                for (int grp = 0; grp < groups; grp++)
                {
                    var image = x.Slice((img * inPlane) + (grp * inGroup), inGroup);
                    ReadOnlySpan<float> col = image;
                    if (!g.IsPointwise)
                    {
                        Im2Col.Expand(g, image, columns);
                        col = columns.AsSpan(0, k * hw);
                    }

                    var gy = dy.Slice(((img * conv.OutChannels) + (grp * outG)) * hw, outG * hw);
                    if (conv._bias is not null)
                    {
                        for (int o = 0; o < outG; o++)
                        {
                            db[(grp * outG) + o] += TensorPrimitives.Sum(gy.Slice(o * hw, hw));
                        }
                    }

                    // dW_g (outG × k) += dY_g (outG × hw) · colᵀ (hw × k)
                    Gemm.Multiply(outG, k, hw, gy, hw, false, col, hw, true, dw.Slice(grp * outG * k, outG * k), k, true, innerParallel);
                    if (!wantInput)
                    {
                        continue;
                    }

                    var dImage = dx.Slice((img * inPlane) + (grp * inGroup), inGroup);
                    var wg = w.Slice(grp * outG * k, outG * k);
                    if (g.IsPointwise)
                    {
                        // dX_g (k × hw) = W_gᵀ (k × outG) · dY_g (outG × hw)
                        Gemm.Multiply(k, hw, outG, wg, k, true, gy, hw, false, dImage, hw, false, innerParallel);
                    }
                    else
                    {
                        var dcol = columnGrads.AsSpan(0, k * hw);
                        Gemm.Multiply(k, hw, outG, wg, k, true, gy, hw, false, dcol, hw, false, innerParallel);
                        dImage.Clear();
                        Im2Col.Accumulate(g, dcol, dImage);
                    }
                }
            }
        }
    }

    /// <summary>Depthwise forward: each share owns a range of channels and loops over the batch.</summary>
    private readonly struct DepthwiseForward(Conv2d conv, ConvGeometry g, Tensor input, Tensor output) : IParallelWork
    {
        public void Run(int part, int parts)
        {
            int channels = conv.InChannels;
            var (start, end) = ParallelWork.Range(channels, part, parts);
            int n = input.Dim(0);
            int inPlane = g.Height * g.Width;
            int outPlane = g.OutHeight * g.OutWidth;
            int taps = g.KernelH * g.KernelW;
            var x = input.Span;
            var y = output.Span;
            var w = conv._weight.Value.Span;
            for (int ch = start; ch < end; ch++)
            {
                var kernel = w.Slice(ch * taps, taps);
                float bias = conv._bias is null ? 0 : conv._bias.Value.Span[ch];
                for (int img = 0; img < n; img++)
                {
                    int plane = (img * channels) + ch;
                    var src = x.Slice(plane * inPlane, inPlane);
                    var dst = y.Slice(plane * outPlane, outPlane);
                    dst.Fill(bias);
                    for (int ky = 0; ky < g.KernelH; ky++)
                    {
                        for (int kx = 0; kx < g.KernelW; kx++)
                        {
                            float wv = kernel[(ky * g.KernelW) + kx];
                            var (offX, oxLo, oxHi) = Columns(g, kx);
                            for (int oy = 0; oy < g.OutHeight; oy++)
                            {
                                int iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
                                if ((uint)iy >= (uint)g.Height || oxLo >= oxHi)
                                {
                                    continue;
                                }

                                var srow = src.Slice(iy * g.Width, g.Width);
                                var drow = dst.Slice(oy * g.OutWidth, g.OutWidth);
                                if (g.StrideW == 1)
                                {
                                    var d = drow[oxLo..oxHi];
                                    TensorPrimitives.MultiplyAdd(srow.Slice(oxLo + offX, oxHi - oxLo), wv, d, d);
                                }
                                else
                                {
                                    for (int ox = oxLo; ox < oxHi; ox++)
                                    {
                                        drow[ox] += wv * srow[(ox * g.StrideW) + offX];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Depthwise backward: each share owns a range of channels, so weight, bias and input gradients never collide.</summary>
    private readonly struct DepthwiseBackward(Conv2d conv, ConvGeometry g, Tensor input, Tensor gradOutput, Tensor gradInput) : IParallelWork
    {
        public void Run(int part, int parts)
        {
            int channels = conv.InChannels;
            var (start, end) = ParallelWork.Range(channels, part, parts);
            int n = input.Dim(0);
            int inPlane = g.Height * g.Width;
            int outPlane = g.OutHeight * g.OutWidth;
            int taps = g.KernelH * g.KernelW;
            bool wantInput = gradInput.Length > 0;
            var x = input.Span;
            var dy = gradOutput.Span;
            var dx = wantInput ? gradInput.Span : Span<float>.Empty;
            var w = conv._weight.Value.Span;
            var dw = conv._weight.Grad.Span;
            for (int ch = start; ch < end; ch++)
            {
                var kernel = w.Slice(ch * taps, taps);
                for (int img = 0; img < n; img++)
                {
                    int plane = (img * channels) + ch;
                    var src = x.Slice(plane * inPlane, inPlane);
                    var gy = dy.Slice(plane * outPlane, outPlane);
                    var gx = wantInput ? dx.Slice(plane * inPlane, inPlane) : Span<float>.Empty;
                    gx.Clear();
                    if (conv._bias is not null)
                    {
                        conv._bias.Grad.Span[ch] += TensorPrimitives.Sum(gy);
                    }

                    for (int ky = 0; ky < g.KernelH; ky++)
                    {
                        for (int kx = 0; kx < g.KernelW; kx++)
                        {
                            int tap = (ky * g.KernelW) + kx;
                            float wv = kernel[tap];
                            double dwSum = 0;
                            var (offX, oxLo, oxHi) = Columns(g, kx);
                            for (int oy = 0; oy < g.OutHeight; oy++)
                            {
                                int iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
                                if ((uint)iy >= (uint)g.Height || oxLo >= oxHi)
                                {
                                    continue;
                                }

                                var srow = src.Slice(iy * g.Width, g.Width);
                                var grow = gy.Slice(oy * g.OutWidth, g.OutWidth);
                                if (g.StrideW == 1)
                                {
                                    var gseg = grow[oxLo..oxHi];
                                    dwSum += TensorPrimitives.Dot(srow.Slice(oxLo + offX, oxHi - oxLo), gseg);
                                    if (wantInput)
                                    {
                                        var d = gx.Slice((iy * g.Width) + oxLo + offX, oxHi - oxLo);
                                        TensorPrimitives.MultiplyAdd(gseg, wv, d, d);
                                    }
                                }
                                else
                                {
                                    for (int ox = oxLo; ox < oxHi; ox++)
                                    {
                                        int ix = (ox * g.StrideW) + offX;
                                        dwSum += srow[ix] * grow[ox];
                                        if (wantInput)
                                        {
                                            gx[(iy * g.Width) + ix] += wv * grow[ox];
                                        }
                                    }
                                }
                            }

                            dw[(ch * taps) + tap] += (float)dwSum;
                        }
                    }
                }
            }
        }
    }

    /// <summary>For kernel column <paramref name="kx"/>: the input x offset and the output columns [lo, hi) that read inside the image.</summary>
    private static (int OffX, int Lo, int Hi) Columns(in ConvGeometry g, int kx)
    {
        int offX = (kx * g.DilationW) - g.PadW;
        int lo = Math.Clamp(CeilDiv(-offX, g.StrideW), 0, g.OutWidth);
        int hi = Math.Clamp(CeilDiv(g.Width - offX, g.StrideW), lo, g.OutWidth);
        return (offX, lo, hi);
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
