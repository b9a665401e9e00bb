namespace NoteGuard.Learning.Layers;

/// <summary>Stateless functional forms (like <c>torch.nn.functional</c>) over row-major [rows, classes] spans.</summary>
public static class Functional
{
    /// <summary>Row-wise softmax of a [rows, <paramref name="classes"/>] matrix.</summary>
    /// <exception cref="ArgumentException">Lengths are not a whole number of rows.</exception>
    public static void Softmax(ReadOnlySpan<float> logits, int classes, Span<float> probabilities)
    {
        CheckRows(logits, classes, probabilities);
        for (int i = 0; i < logits.Length; i += classes)
        {
            var row = logits.Slice(i, classes);
            var dst = probabilities.Slice(i, classes);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, dst);
            TensorPrimitives.Exp(dst, dst);
            TensorPrimitives.Divide(dst, TensorPrimitives.Sum(dst), dst);
        }
    }

    /// <summary>Row-wise log-softmax, x − max − log Σ exp(x − max).</summary>
    /// <exception cref="ArgumentException">Lengths are not a whole number of rows.</exception>
    public static void LogSoftmax(ReadOnlySpan<float> logits, int classes, Span<float> logProbabilities)
    {
        CheckRows(logits, classes, logProbabilities);
        for (int i = 0; i < logits.Length; i += classes)
        {
            var row = logits.Slice(i, classes);
            var dst = logProbabilities.Slice(i, classes);
            float max = TensorPrimitives.Max(row);
            double sum = 0;
            for (int j = 0; j < classes; j++)
            {
                sum += Math.Exp(row[j] - max);
            }

            float shift = max + (float)Math.Log(sum);
            TensorPrimitives.Subtract(row, shift, dst);
        }
    }

    private static void CheckRows(ReadOnlySpan<float> input, int classes, Span<float> output)
    {
        Guard.MustBePositive(classes);
        Guard.IsTrue(input.Length % classes == 0, $"{input.Length} values are not rows of {classes}", nameof(input));
        Guard.IsTrue(output.Length >= input.Length, "output is shorter than the input", nameof(output));
    }
}
