namespace NoteGuard.Inspection.Training;

/// <summary>What one training epoch did: the row the progress display, TensorBoard and the HTML report share.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches (with augmentation, in training mode).</param>
/// <param name="TrainAccuracy">Fraction of training images classified correctly during the epoch, in [0, 1].</param>
/// <param name="ValidationLoss">Mean loss on the validation split in evaluation mode, or null without one.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation split in [0, 1], or null without one.</param>
/// <param name="LearningRate">Learning rate used during the epoch.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch, validation included.</param>
/// <param name="ImagesPerSecond">Training images processed per second (load, forward, backward and update).</param>
public sealed record EpochSummary(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double LearningRate,
    double Seconds,
    double ImagesPerSecond);
