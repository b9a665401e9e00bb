using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Layers;

/// <summary>A trainable tensor with its gradient (same shape). Gradients accumulate until <see cref="ZeroGrad"/>, as in PyTorch.</summary>
public sealed class Parameter
{
    /// <summary>Wraps <paramref name="value"/>; the gradient starts at zero.</summary>
    public Parameter(Tensor value)
    {
        Guard.NotNull(value);
        Value = value;
        Grad = new Tensor(value.Shape.ToArray());
    }

    /// <summary>The values (updated in place by optimizers).</summary>
    public Tensor Value { get; }

    /// <summary>The accumulated gradient of the loss with respect to <see cref="Value"/>.</summary>
    public Tensor Grad { get; }

    /// <summary>When false, optimizers skip this parameter (a frozen layer, e.g. for transfer learning).</summary>
    public bool RequiresGrad { get; set; } = true;

    /// <summary>Number of elements.</summary>
    public int Length => Value.Length;

    /// <summary>Clears the gradient.</summary>
    public void ZeroGrad() => Grad.Span.Clear();
}
