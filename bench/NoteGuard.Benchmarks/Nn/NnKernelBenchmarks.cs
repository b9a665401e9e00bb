using BenchmarkDotNet.Attributes;
using NoteGuard.Learning.Kernels;
using NoteGuard.Learning.Layers;
using NoteGuard.Learning.Losses;
using NoteGuard.Learning.Models;
using NoteGuard.Learning.Optimizers;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Benchmarks.Nn;

/// <summary>The packed SIMD GEMM on square and convolution-shaped problems (single thread).</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    /// <summary>m×n×k: square sizes and compact-cnn's conv2 forward (32×1024×144).</summary>
    [Params("64x64x64", "256x256x256", "32x1024x144")]
    public string Shape { get; set; } = "256x256x256";

    private (int M, int N, int K) Dims => Shape.Split('x').Select(int.Parse).ToArray() switch { var d => (d[0], d[1], d[2]) };

    [GlobalSetup]
    public void Setup()
    {
        var (m, n, k) = Dims;
        var random = new SeededRandom(1);
        _a = new float[m * k];
        _b = new float[k * n];
        _c = new float[m * n];
        random.FillUniform(_a, -1, 1);
        random.FillUniform(_b, -1, 1);
    }

    [Benchmark]
    public void Multiply()
    {
        var (m, n, k) = Dims;
        Gemm.Multiply(m, n, k, _a, k, false, _b, n, false, _c, n, false);
    }
}

/// <summary>Conv2d forward and backward on compact-cnn's second convolution (16→32, 3×3, 32×32, batch 64, both cores).</summary>
[MemoryDiagnoser]
public class ConvBenchmarks
{
    private readonly Conv2d _conv = new(16, 32, 3, 1, 1);
    private readonly Tensor _input = new(64, 16, 32, 32);
    private readonly Tensor _gradOutput = new(64, 32, 32, 32);

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(2);
        random.FillNormal(_input.Span, 0, 1);
        random.FillNormal(_gradOutput.Span, 0, 1);
        _conv.Forward(_input);
    }

    [Benchmark]
    public Tensor Forward() => _conv.Forward(_input);

    [Benchmark]
    public Tensor ForwardBackward()
    {
        _conv.Forward(_input);
        return _conv.Backward(_gradOutput);
    }
}

/// <summary>One compact-cnn training step at batch 64 (64×64×3, 13 classes) and batch-1 inference.</summary>
[MemoryDiagnoser]
public class CompactCnnBenchmarks
{
    private readonly Network _net = ModelZoo.Create("compact-cnn", 13, new ZooOptions { Seed = 1 });
    private readonly Tensor _batch = new(64, 3, 64, 64);
    private readonly Tensor _single = new(1, 3, 64, 64);
    private readonly int[] _targets = Enumerable.Range(0, 64).Select(i => i % 13).ToArray();
    private readonly CrossEntropyLoss _loss = new();
    private Sgd? _sgd;

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(3);
        random.FillNormal(_batch.Span, 0, 1);
        random.FillNormal(_single.Span, 0, 1);
        _sgd = new Sgd(_net.Parameters(), new Sgd.Options { LearningRate = 0.001, Momentum = 0.9 });
    }

    [Benchmark]
    public float TrainStepBatch64()
    {
        _net.Train();
        _sgd!.ZeroGrad();
        float loss = _loss.Forward(_net.Forward(_batch), _targets);
        _net.Backward(_loss.Backward());
        _sgd.Step();
        return loss;
    }

    [Benchmark]
    public Tensor InferBatch1()
    {
        _net.Eval();
        return _net.Forward(_single);
    }
}
