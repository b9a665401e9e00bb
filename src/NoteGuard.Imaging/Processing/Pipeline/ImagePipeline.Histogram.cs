using System.Globalization;
using NoteGuard.Imaging.Processing.Histogram;

namespace NoteGuard.Imaging.Processing.Pipeline;

public static partial class ImagePipeline
{
    static partial void AddHistogramOperations(Dictionary<string, ImageOperationDefinition> catalog)
    {
        catalog.Add("equalize", new ImageOperationDefinition(
            "equalize",
            "equalize  global histogram equalisation (bit-exact with OpenCV equalizeHist), per colour channel; alpha kept",
            _ => image => image.EqualizeHistogram()));

        catalog.Add("clahe", new ImageOperationDefinition(
            "clahe",
            "clahe[:clip=2,tiles=8|8x6]  CLAHE (bit-exact with OpenCV on gray); colour images are enhanced on Lab L; alpha kept",
            args =>
            {
                double clip = args.GetDouble("clip", 2.0);
                string tiles = args.GetString("tiles", "8");
                var (tx, ty) = ParseTiles(tiles);
                var options = new ClaheOptions(clip, tx, ty);
                try
                {
                    options.Validate();
                }
                catch (ArgumentOutOfRangeException e)
                {
                    throw new ArgumentException($"Operation 'clahe': {e.Message}", e);
                }

                return image => image.ApplyClahe(options);
            }));

        catalog.Add("stretch", new ImageOperationDefinition(
            "stretch",
            "stretch[:low=2,high=98]  per-channel percentile contrast stretch to 0..255 (NumPy percentile definition); alpha kept",
            args =>
            {
                var options = new ContrastStretchOptions(args.GetDouble("low", 2.0), args.GetDouble("high", 98.0));
                try
                {
                    options.Validate();
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"Operation 'stretch': {e.Message}", e);
                }

                return image => image.StretchContrast(options);
            }));
    }

    private static (int X, int Y) ParseTiles(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int x)
            && int.TryParse(parts[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int y)
            && x is >= 1 and <= 256 && y is >= 1 and <= 256)
        {
            return (x, y);
        }

        throw new ArgumentException($"Operation 'clahe': 'tiles={text}' is not valid; expected N or WxH with 1..256.");
    }
}
