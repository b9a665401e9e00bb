using NoteGuard.Imaging.Processing.Morphology;

namespace NoteGuard.Imaging.Processing.Pipeline;

public static partial class ImagePipeline
{
    static partial void AddMorphologyOperations(Dictionary<string, ImageOperationDefinition> catalog)
    {
        (string Name, MorphologyOperation Operation, string What)[] operations =
        [
            ("erode", MorphologyOperation.Erode, "minimum over the element"),
            ("dilate", MorphologyOperation.Dilate, "maximum over the element"),
            ("open", MorphologyOperation.Open, "erode then dilate (removes specks)"),
            ("close", MorphologyOperation.Close, "dilate then erode (fills gaps)"),
            ("gradient", MorphologyOperation.Gradient, "dilation minus erosion"),
            ("tophat", MorphologyOperation.TopHat, "source minus opening"),
            ("blackhat", MorphologyOperation.BlackHat, "closing minus source"),
        ];
        foreach (var (name, operation, what) in operations)
        {
            catalog.Add(name, new ImageOperationDefinition(
                name,
                $"{name}[:shape=rect|cross|ellipse,k=3 (or w=,h=),iterations=1]  {what}, bit-exact with OpenCV; per channel, alpha kept",
                args =>
                {
                    string shapeText = args.GetString("shape", "rect");
                    var shape = shapeText.ToLowerInvariant() switch
                    {
                        "rect" => StructuringElementShape.Rectangle,
                        "cross" => StructuringElementShape.Cross,
                        "ellipse" => StructuringElementShape.Ellipse,
                        _ => throw new ArgumentException($"Operation '{name}': 'shape={shapeText}' is not valid; expected rect, cross or ellipse."),
                    };
                    int k = args.GetInt("k", 3);
                    int w = args.GetInt("w", k);
                    int h = args.GetInt("h", k);
                    int iterations = args.GetInt("iterations", 1);
                    if (w is < 1 or > 255 || h is < 1 or > 255)
                    {
                        throw new ArgumentException($"Operation '{name}': the element size {w}x{h} is not valid; expected 1..255 on each side.");
                    }

                    if (iterations is < 1 or > 100)
                    {
                        throw new ArgumentException($"Operation '{name}': 'iterations={iterations}' is not valid; expected 1..100.");
                    }

                    var options = new MorphologyOptions(StructuringElement.Create(shape, w, h), iterations);
                    return image => image.Morphology(operation, options);
                }));
        }
    }
}
