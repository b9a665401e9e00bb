using NoteGuard.Imaging.Processing.Color;

namespace NoteGuard.Imaging.Processing.Pipeline;

public static partial class ImagePipeline
{
    static partial void AddColorOperations(Dictionary<string, ImageOperationDefinition> catalog)
    {
        catalog.Add("gray", new ImageOperationDefinition(
            "gray",
            "gray[:weights=bt601|seed001] or gray:r=R,g=G,b=B  RGB to 8-bit gray (bt601 is bit-exact with OpenCV; seed001 = 0.17R+0.62G+0.21B); alpha dropped; gray input is copied",
            args =>
            {
                GrayscaleOptions options;
                if (args.Has("r") || args.Has("g") || args.Has("b"))
                {
                    options = new GrayscaleOptions(args.GetDouble("r", 0), args.GetDouble("g", 0), args.GetDouble("b", 0));
                    _ = options.FixedPointWeights();
                }
                else
                {
                    options = args.GetString("weights", "bt601").ToLowerInvariant() switch
                    {
                        "bt601" => GrayscaleOptions.Bt601,
                        "seed001" => GrayscaleOptions.Seed001,
                        string other => throw new ArgumentException($"Operation 'gray': 'weights={other}' is not valid; expected bt601 or seed001."),
                    };
                }

                return image => image.ToGray(options);
            }));

        catalog.Add("hsv", new ImageOperationDefinition(
            "hsv",
            "hsv  RGB to 8-bit HSV in OpenCV's convention (H 0..179, S, V 0..255) stored as 3 channels; alpha dropped; follow with channel:index=1 for saturation",
            _ => image => image.ToHsv()));

        catalog.Add("lab", new ImageOperationDefinition(
            "lab",
            "lab  RGB to 8-bit CIE Lab in OpenCV's convention (L*255/100, a+128, b+128; D65) stored as 3 channels; alpha dropped",
            _ => image => image.ToLab()));

        catalog.Add("rgb", new ImageOperationDefinition(
            "rgb",
            "rgb:from=hsv|lab  converts an 8-bit HSV or Lab image (from 'hsv' or 'lab') back to RGB",
            args =>
            {
                string from = args.GetString("from", "");
                return from.ToLowerInvariant() switch
                {
                    "hsv" => image => image.HsvToRgb(),
                    "lab" => image => image.LabToRgb(),
                    _ => throw new ArgumentException($"Operation 'rgb': 'from={from}' is not valid; expected hsv or lab."),
                };
            }));

        catalog.Add("channel", new ImageOperationDefinition(
            "channel",
            "channel:index=0  extracts one channel (0=R/H/L, 1=G/S/a, 2=B/V/b, 3=A) as a gray image",
            args =>
            {
                int index = args.GetInt("index", 0);
                if (index is < 0 or > 3)
                {
                    throw new ArgumentException($"Operation 'channel': 'index={index}' is not valid; expected 0..3.");
                }

                return image => image.ExtractChannel(index);
            }));
    }
}
