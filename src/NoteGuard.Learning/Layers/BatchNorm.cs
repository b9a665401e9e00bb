using NoteGuard.Learning.Kernels;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Layers;

/// <summary>
/// Batch normalisation over the channel axis (axis 1) with torch semantics: training normalises with the batch mean and
/// biased variance and updates <c>running_mean</c>/<c>running_var</c> with <see cref="Momentum"/> using the unbiased
/// variance; evaluation uses the running statistics. Weight starts at 1, bias at 0. Channels are split over the cores.
/// </summary>
public abstract class BatchNorm : Module
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private readonly Tensor _runningMean;
    private readonly Tensor _runningVar;
    private readonly Tensor _batchesTracked;
    private readonly float[] _mean;
    private readonly float[] _invStd;
    private Tensor? _input;
    private Tensor? _output;
    private Tensor? _gradInput;

    /// <summary>Creates the layer for <paramref name="channels"/> channels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">channels not positive, eps not positive or momentum outside [0, 1].</exception>
    protected BatchNorm(int channels, double eps, double momentum)
    {
        Guard.MustBePositive(channels);
        Guard.MustBePositive(eps);
        Guard.MustBeBetween(momentum, 0, 1);
        Channels = channels;
        Eps = eps;
        Momentum = momentum;
        var w = new Tensor(channels);
        w.Fill(1);
        _weight = RegisterParameter("weight", w);
        _bias = RegisterParameter("bias", new Tensor(channels));
        _runningMean = RegisterBuffer("running_mean", new Tensor(channels));
        var rv = new Tensor(channels);
        rv.Fill(1);
        _runningVar = RegisterBuffer("running_var", rv);
        _batchesTracked = RegisterBuffer("num_batches_tracked", new Tensor(Array.Empty<int>()));
        _mean = new float[channels];
        _invStd = new float[channels];
    }

    /// <summary>Number of channels.</summary>
    public int Channels { get; }

    /// <summary>Added to the variance before the square root (torch default 1e-5).</summary>
    public double Eps { get; }

    /// <summary>Weight of the new batch statistic in the running averages (torch default 0.1).</summary>
    public double Momentum { get; }

    /// <summary>Scale γ [C].</summary>
    public Parameter Weight => _weight;

    /// <summary>Shift β [C].</summary>
    public Parameter Bias => _bias;

    /// <summary>Running mean [C].</summary>
    public Tensor RunningMean => _runningMean;

    /// <summary>Running (unbiased) variance [C].</summary>
    public Tensor RunningVar => _runningVar;

    /// <summary>Expected rank of the input (2 or 3 for 1-D, 4 for 2-D).</summary>
    protected abstract bool AcceptsRank(int rank);

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        Guard.NotNull(input);
        Guard.IsTrue(AcceptsRank(input.Rank) && input.Dim(1) == Channels, $"{GetType().Name}({Channels}) cannot take {input}", nameof(input));
        int n = input.Dim(0);
        int spatial = input.Length / Math.Max(1, n * Channels);
        var output = Tensor.Ensure(ref _output, input.Shape);
        if (IsTraining)
        {
            Guard.IsTrue(n * spatial > 1, "batch normalisation in training needs more than one value per channel", nameof(input));
            _input = input;
            _batchesTracked.Span[0] += 1;
        }

        var work = new ForwardWork(this, input, output, n, spatial);
        ParallelWork.Run(ref work, ParallelWork.SharesFor(input.Length, Channels));
        return output;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        RequireForward(_input, GetType().Name);
        Guard.IsTrue(gradOutput.HasShape(_input.Shape), "gradient shape differs from the output", nameof(gradOutput));
        int n = _input.Dim(0);
        int spatial = _input.Length / (n * Channels);
        var gradInput = InputGradientNeeded ? Tensor.Ensure(ref _gradInput, _input.Shape) : Empty;
        var work = new BackwardWork(this, _input, gradOutput, gradInput, n, spatial);
        ParallelWork.Run(ref work, ParallelWork.SharesFor(_input.Length, Channels));
        return gradInput;
    }

    /// <inheritdoc />
    protected override void OnModeChanged() => _input = null;

    private readonly struct ForwardWork(BatchNorm bn, Tensor input, Tensor output, int n, int spatial) : IParallelWork
    {
        public void Run(int part, int parts)
        {
            var (start, end) = ParallelWork.Range(bn.Channels, part, parts);
            var x = input.Span;
            var y = output.Span;
            var gamma = bn._weight.Value.Span;
            var beta = bn._bias.Value.Span;
            var rm = bn._runningMean.Span;
            var rv = bn._runningVar.Span;
            int channels = bn.Channels;
            long count = (long)n * spatial;
            for (int c = start; c < end; c++)
            {
                float mean;
                float invStd;
                if (bn.IsTraining)
                {
                    double sum = 0;
                    for (int i = 0; i < n; i++)
                    {
                        sum += TensorPrimitives.Sum(x.Slice(((i * channels) + c) * spatial, spatial));
                    }

                    double m = sum / count;
                    double sq = 0;
                    for (int i = 0; i < n; i++)
                    {
                        sq += Reductions.SumSquaredDeviation(x.Slice(((i * channels) + c) * spatial, spatial), (float)m);
                    }

                    double variance = sq / count;
                    mean = (float)m;
                    invStd = (float)(1.0 / Math.Sqrt(variance + bn.Eps));
                    bn._mean[c] = mean;
                    bn._invStd[c] = invStd;
                    double mom = bn.Momentum;
                    rm[c] = (float)(((1 - mom) * rm[c]) + (mom * m));
                    rv[c] = (float)(((1 - mom) * rv[c]) + (mom * variance * count / (count - 1)));
                }
                else
                {
                    mean = rm[c];
                    invStd = (float)(1.0 / Math.Sqrt(rv[c] + bn.Eps));
                }

                float scale = gamma[c] * invStd;
                float shift = beta[c] - (mean * scale);
                for (int i = 0; i < n; i++)
                {
                    int offset = ((i * channels) + c) * spatial;
                    Elementwise.Affine(x.Slice(offset, spatial), scale, shift, y.Slice(offset, spatial));
                }
            }
        }
    }

    /// <summary>
    /// dβ = Σdy, dγ = Σdy·x̂ and dx = γ·σ⁻¹·(dy − Σdy/m − x̂·Σdy·x̂/m), written as dx = a·dy + b·x + c per channel.
    /// </summary>
    private readonly struct BackwardWork(BatchNorm bn, Tensor input, Tensor gradOutput, Tensor gradInput, int n, int spatial) : IParallelWork
    {
        public void Run(int part, int parts)
        {
            var (start, end) = ParallelWork.Range(bn.Channels, part, parts);
            var x = input.Span;
            var dy = gradOutput.Span;
            var dx = gradInput.Length > 0 ? gradInput.Span : Span<float>.Empty;
            var gamma = bn._weight.Value.Span;
            var dGamma = bn._weight.Grad.Span;
            var dBeta = bn._bias.Grad.Span;
            int channels = bn.Channels;
            double count = (double)n * spatial;
            for (int c = start; c < end; c++)
            {
                double sumDy = 0;
                double sumDyX = 0;
                for (int i = 0; i < n; i++)
                {
                    int offset = ((i * channels) + c) * spatial;
                    var g = dy.Slice(offset, spatial);
                    sumDy += TensorPrimitives.Sum(g);
                    sumDyX += TensorPrimitives.Dot(g, x.Slice(offset, spatial));
                }

                double mean = bn._mean[c];
                double invStd = bn._invStd[c];
                double sumDyXhat = (sumDyX - (mean * sumDy)) * invStd;
                dBeta[c] += (float)sumDy;
                dGamma[c] += (float)sumDyXhat;
                if (dx.IsEmpty)
                {
                    continue;
                }

                double a = gamma[c] * invStd;
                double b = -a * invStd * sumDyXhat / count;
                double k = (-a * sumDy / count) - (b * mean);
                for (int i = 0; i < n; i++)
                {
                    int offset = ((i * channels) + c) * spatial;
                    var d = dx.Slice(offset, spatial);
                    Elementwise.Affine(x.Slice(offset, spatial), (float)b, (float)k, d);
                    TensorPrimitives.MultiplyAdd(dy.Slice(offset, spatial), (float)a, d, d);
                }
            }
        }
    }
}

/// <summary>Batch normalisation of NCHW feature maps, like <c>torch.nn.BatchNorm2d</c>.</summary>
public sealed class BatchNorm2d : BatchNorm
{
    /// <summary>Creates the layer (eps 1e-5, momentum 0.1 by default).</summary>
    public BatchNorm2d(int channels, double eps = 1e-5, double momentum = 0.1)
        : base(channels, eps, momentum)
    {
    }

    /// <inheritdoc />
    protected override bool AcceptsRank(int rank) => rank == 4;
}

/// <summary>Batch normalisation of [N, C] or [N, C, L] inputs, like <c>torch.nn.BatchNorm1d</c>.</summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <summary>Creates the layer (eps 1e-5, momentum 0.1 by default).</summary>
    public BatchNorm1d(int features, double eps = 1e-5, double momentum = 0.1)
        : base(features, eps, momentum)
    {
    }

    /// <inheritdoc />
    protected override bool AcceptsRank(int rank) => rank is 2 or 3;
}
