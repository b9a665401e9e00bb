using System.Globalization;
using NoteGuard.Imaging.Processing.Threshold;

namespace NoteGuard.Imaging.Processing.Pipeline;

public static partial class ImagePipeline
{
    static partial void AddThresholdOperations(Dictionary<string, ImageOperationDefinition> catalog)
    {
        catalog.Add("threshold", new ImageOperationDefinition(
            "threshold",
            "threshold[:t=128|otsu,mode=binary|binary_inv|trunc|tozero|tozero_inv,max=255]  per colour channel like cv2.threshold (otsu: per-channel Otsu); alpha kept",
            args =>
            {
                string t = args.GetString("t", "128");
                bool otsu = t.Equals("otsu", StringComparison.OrdinalIgnoreCase);
                double value = 0;
                if (!otsu && (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value)))
                {
                    throw new ArgumentException($"Operation 'threshold': 't={t}' is not valid; expected a number or otsu.");
                }

                string mode = args.GetString("mode", "binary");
                var type = mode.ToLowerInvariant() switch
                {
                    "binary" => ThresholdType.Binary,
                    "binary_inv" => ThresholdType.BinaryInverted,
                    "trunc" => ThresholdType.Truncate,
                    "tozero" => ThresholdType.ToZero,
                    "tozero_inv" => ThresholdType.ToZeroInverted,
                    _ => throw new ArgumentException($"Operation 'threshold': 'mode={mode}' is not valid; expected binary, binary_inv, trunc, tozero or tozero_inv."),
                };
                double max = args.GetDouble("max", 255);
                if (max is < 0 or > 255)
                {
                    throw new ArgumentException($"Operation 'threshold': 'max={max}' is not valid; expected 0..255.");
                }

                var options = new ThresholdOptions(value, max, type, otsu);
                return image => image.Threshold(options);
            }));
    }
}
