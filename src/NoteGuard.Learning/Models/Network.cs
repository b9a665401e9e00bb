using NoteGuard.Learning.Layers;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Models;

/// <summary>
/// A zoo network: named stages run in order (so parameter names match the torchvision/PyTorch definitions, e.g.
/// <c>layer1.0.conv1.weight</c>), plus what it was built from: architecture name, class count and input shape.
/// </summary>
public sealed class Network : Module
{
    private readonly Module[] _stages;

    internal Network(string architecture, int classes, int[] inputShape, IEnumerable<(string Name, Module Module)> stages)
    {
        Architecture = architecture;
        Classes = classes;
        InputShape = inputShape;
        var list = new List<Module>();
        foreach (var (name, module) in stages)
        {
            RegisterModule(name, module);
            list.Add(module);
        }

        _stages = [.. list];
    }

    /// <summary>Zoo name, e.g. <c>compact-cnn</c>.</summary>
    public string Architecture { get; }

    /// <summary>Number of outputs (logits).</summary>
    public int Classes { get; }

    /// <summary>Expected input [C, H, W] of one image.</summary>
    public IReadOnlyList<int> InputShape { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        Guard.NotNull(input);
        Guard.IsTrue(input.Rank == 4 && input.Dim(1) == InputShape[0], $"{Architecture} expects [N, {InputShape[0]}, H, W], got {input}", nameof(input));
        var x = input;
        foreach (var stage in _stages)
        {
            x = stage.Forward(x);
        }

        return x;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        var g = gradOutput;
        for (int i = _stages.Length - 1; i >= 0; i--)
        {
            g = _stages[i].Backward(g);
        }

        return g;
    }

    /// <summary>Evaluation-mode forward pass returning class probabilities [N, classes] (a new array per call).</summary>
    public float[] PredictProbabilities(Tensor input)
    {
        if (IsTraining)
        {
            Eval();
        }

        var logits = Forward(input);
        var probabilities = new float[logits.Length];
        Functional.Softmax(logits.Span, Classes, probabilities);
        return probabilities;
    }
}
