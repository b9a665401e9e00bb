using System.Globalization;
using NoteGuard.Inspection.Training;

namespace NoteGuard.Cli;

/// <summary>
/// Shows training progress on stderr: on a terminal, a bar redrawn in place with loss, accuracy, images/s and ETA;
/// otherwise (a pipe, a log file, CI) one plain line per epoch. Stdout stays free for <c>--json</c>.
/// </summary>
internal sealed class TrainingProgressDisplay : IProgress<TrainingProgress>
{
    private const int BarWidth = 24;
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private long _lastDraw;

    public void Report(TrainingProgress value)
    {
        var inv = CultureInfo.InvariantCulture;
        if (value.Completed is { } e)
        {
            string validation = e.ValidationAccuracy is double va
                ? string.Create(inv, $" | valid loss {e.ValidationLoss:F4} acc {va:F4}")
                : string.Empty;
            string line = string.Create(inv, $"epoch {e.Epoch}/{value.Epochs}: train loss {e.TrainLoss:F4} acc {e.TrainAccuracy:F4}{validation} | lr {e.LearningRate:G3} | {e.ImagesPerSecond:F0} img/s | {e.Seconds:F1} s{Eta(value.Remaining)}");
            Console.Error.WriteLine(_interactive ? "\r" + line.PadRight(LineWidth()) : line);
            return;
        }

        if (!_interactive)
        {
            return;
        }

        long now = Environment.TickCount64;
        if (now - _lastDraw < 100 && value.Batch < value.Batches)
        {
            return;
        }

        _lastDraw = now;
        int filled = value.Batches == 0 ? 0 : value.Batch * BarWidth / value.Batches;
        string bar = new string('█', filled) + new string('░', BarWidth - filled);
        Console.Error.Write(string.Create(inv, $"\repoch {value.Epoch}/{value.Epochs} {bar} {value.Batch}/{value.Batches} loss {value.Loss:F4} acc {value.Accuracy:F3} {value.ImagesPerSecond:F0} img/s{Eta(value.Remaining)}   "));
    }

    /// <summary>Terminal width to overwrite the bar with (0 when it cannot be read, e.g. stdout redirected).</summary>
    private static int LineWidth()
    {
        try
        {
            return Console.BufferWidth > 0 ? Math.Min(Console.BufferWidth - 1, 160) : 0;
        }
        catch (Exception ex) when (ex is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return 0;
        }
    }

    private static string Eta(TimeSpan? remaining) =>
        remaining is { } r ? " | ETA " + (r.TotalHours >= 1 ? r.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : r.ToString(@"m\:ss", CultureInfo.InvariantCulture)) : string.Empty;
}
