using NoteGuard.Inspection.Inspections;
using NoteGuard.Learning.Classical;
using NoteGuard.Web.Endpoints;

namespace NoteGuard.Web.Features;

/// <summary>The wavelet classifier backed by a NoteGuard tabular model file (<c>noteguard tabular train</c> on the UCI data).</summary>
internal sealed class TabularWaveletClassifier : IWaveletClassifier
{
    private readonly TabularModel _model;
    private readonly string _genuineLabel;

    public TabularWaveletClassifier(string path, string genuineLabel)
    {
        _model = TabularModel.Load(path);
        _genuineLabel = genuineLabel;
        if (_model.FeatureNames.Count != 4)
        {
            throw new InvalidDataException($"{path}: the wavelet model must have 4 features (variance, skewness, curtosis, entropy), it has {_model.FeatureNames.Count}.");
        }

        if (!_model.Labels.Contains(genuineLabel))
        {
            throw new InvalidDataException($"{path}: no label '{genuineLabel}' for genuine notes; labels are {string.Join(", ", _model.Labels)} (set NoteGuard:Wavelet:GenuineLabel).");
        }

        Info = new WaveletModelInfo(path, _model.Classifier.Kind, _model.Labels, _model.Description);
    }

    public WaveletModelInfo Info { get; }

    public (CounterfeitVerdict Verdict, double? Probability, string Label) Classify(double variance, double skewness, double curtosis, double entropy)
    {
        var x = new FeatureMatrix([variance, skewness, curtosis, entropy], 1, 4);
        int predicted = _model.Predict(x)[0];
        string label = _model.Labels[predicted];
        // Only models trained with probability estimates have a probability to give; an SVM's raw margin is not one.
        double? probability = _model.Classifier.ScoresAreProbabilities ? _model.PredictScores(x)[predicted] : null;

        return (label == _genuineLabel ? CounterfeitVerdict.Genuine : CounterfeitVerdict.Counterfeit, probability, label);
    }
}
