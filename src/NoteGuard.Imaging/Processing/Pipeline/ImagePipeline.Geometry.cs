using NoteGuard.Imaging.Processing.Geometry;

namespace NoteGuard.Imaging.Processing.Pipeline;

public static partial class ImagePipeline
{
    static partial void AddGeometryOperations(Dictionary<string, ImageOperationDefinition> catalog)
    {
        catalog.Add("resize", new ImageOperationDefinition(
            "resize",
            "resize:w=W,h=H[,mode=bilinear|nearest|bicubic|area] or resize:scale=S; one of w/h keeps the aspect ratio; alpha is resampled with the colour",
            CreateResize));
        catalog.Add("crop", new ImageOperationDefinition(
            "crop",
            "crop:x=X,y=Y,w=W,h=H (pixels, rectangle must lie inside the image); alpha kept",
            args =>
            {
                var region = new PixelRectangle(args.GetInt("x", 0), args.GetInt("y", 0), RequireInt(args, "w"), RequireInt(args, "h"));
                return image => image.Crop(region);
            }));
        catalog.Add("flip", new ImageOperationDefinition(
            "flip",
            "flip[:axis=h|v|both] (default h = left-right mirror); alpha moves with the pixels",
            args =>
            {
                var axis = args.GetString("axis", "h").ToLowerInvariant() switch
                {
                    "h" or "horizontal" => FlipAxis.Horizontal,
                    "v" or "vertical" => FlipAxis.Vertical,
                    "both" or "hv" => FlipAxis.Both,
                    var other => throw new ArgumentException($"Operation 'flip': 'axis={other}' is not valid; expected h, v or both."),
                };
                return image => image.Flip(axis);
            }));
        catalog.Add("rotate", new ImageOperationDefinition(
            "rotate",
            "rotate:deg=90|180|270 (clockwise quarter turns; 90/270 swap width and height); alpha moves with the pixels",
            args =>
            {
                int degrees = RequireInt(args, "deg");
                var angle = (((degrees % 360) + 360) % 360) switch
                {
                    90 => RotationAngle.Clockwise90,
                    180 => RotationAngle.Rotate180,
                    270 => RotationAngle.Clockwise270,
                    _ => throw new ArgumentException($"Operation 'rotate': 'deg={degrees}' is not valid; expected 90, 180 or 270."),
                };
                return image => image.Rotate90(angle);
            }));
    }

    private static Func<Image, Image> CreateResize(OperationArguments args)
    {
        var mode = args.GetEnum("mode", ResizeMode.Bilinear);
        bool hasScale = args.Has("scale");
        bool hasW = args.Has("w");
        bool hasH = args.Has("h");
        double scale = args.GetDouble("scale", 0);
        int w = args.GetInt("w", 0);
        int h = args.GetInt("h", 0);
        if (hasScale)
        {
            if (hasW || hasH)
            {
                throw new ArgumentException("Operation 'resize': give either scale or w/h, not both.");
            }

            if (!(scale > 0))
            {
                throw new ArgumentException($"Operation 'resize': 'scale={scale}' must be greater than zero.");
            }

            return image => image.Resize(ResizeOptions.FromScale(image, scale, scale, mode));
        }

        if (!hasW && !hasH)
        {
            throw new ArgumentException("Operation 'resize' needs w and/or h, or scale.");
        }

        if ((hasW && w is < 1 or > Image.MaxDimension) || (hasH && h is < 1 or > Image.MaxDimension))
        {
            throw new ArgumentException($"Operation 'resize': sizes must be in 1..{Image.MaxDimension}.");
        }

        return image =>
        {
            int width = hasW ? w : Math.Max(1, (int)Math.Round((double)image.Width * h / image.Height));
            int height = hasH ? h : Math.Max(1, (int)Math.Round((double)image.Height * w / image.Width));
            return image.Resize(width, height, mode);
        };
    }

    private static int RequireInt(OperationArguments args, string key) =>
        args.Has(key) ? args.GetInt(key, 0) : throw new ArgumentException($"Operation '{args.Operation}' needs '{key}='.");
}
