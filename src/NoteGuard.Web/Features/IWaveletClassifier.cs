using NoteGuard.Inspection.Inspections;
using NoteGuard.Web.Endpoints;

namespace NoteGuard.Web.Features;

/// <summary>Classifies seed 003's four wavelet statistics (variance, skewness, curtosis, entropy) as genuine or counterfeit.</summary>
internal interface IWaveletClassifier
{
    WaveletModelInfo Info { get; }

    /// <summary>The verdict, its probability in [0, 1] (null when the model gives no probabilities) and the model's own label for it.</summary>
    (CounterfeitVerdict Verdict, double? Probability, string Label) Classify(double variance, double skewness, double curtosis, double entropy);
}
