using NoteGuard.Imaging.Processing.Filters;

namespace NoteGuard.Imaging.Processing.Pipeline;

public static partial class ImagePipeline
{
    static partial void AddFilterOperations(Dictionary<string, ImageOperationDefinition> catalog)
    {
        catalog.Add("blur", new ImageOperationDefinition(
            "blur",
            "blur[:k=3,sigma=0,border=reflect101] Gaussian (k odd, or 0 with sigma>0; bit-exact with cv2.GaussianBlur); alpha kept",
            args =>
            {
                var options = new GaussianBlurOptions(args.GetInt("k", 3), args.GetDouble("sigma", 0)) { Border = Border(args) };
                options.Resolve(eightBit: true);
                return image => image.GaussianBlur(options);
            }));
        catalog.Add("median", new ImageOperationDefinition(
            "median",
            "median[:k=3] median filter (k odd, edges replicated, as cv2.medianBlur); alpha kept",
            args =>
            {
                int k = args.GetInt("k", 3);
                if (k < 1 || k > MedianBlurExtensions.MaxKernelSize || (k & 1) == 0)
                {
                    throw new ArgumentException($"Operation 'median': 'k={k}' must be odd in 1..{MedianBlurExtensions.MaxKernelSize}.");
                }

                return image => image.MedianBlur(k);
            }));
        catalog.Add("sharpen", new ImageOperationDefinition(
            "sharpen",
            "sharpen[:border=reflect101] kernel [-1,-1,-1;-1,9,-1;-1,-1,-1] (seed 004); alpha kept",
            args =>
            {
                var options = new ConvolutionOptions(Border(args));
                return image => image.Sharpen(options);
            }));
        catalog.Add("emboss", new ImageOperationDefinition(
            "emboss",
            "emboss[:border=reflect101] kernel [-2,-1,0;-1,1,1;0,1,2] (seed 002); alpha kept",
            args =>
            {
                var options = new ConvolutionOptions(Border(args));
                return image => image.Emboss(options);
            }));
        catalog.Add("sobel", new ImageOperationDefinition(
            "sobel",
            "sobel[:mode=magnitude|x|y|diagonal,k=3] |gradient| saturated to 8 bits per channel (cv2.convertScaleAbs); alpha kept",
            args =>
            {
                var options = new SobelOptions(args.GetEnum("mode", SobelMode.Magnitude), args.GetInt("k", 3), Border(args));
                Validate(args, () => options.Validate());
                return image => image.Sobel(options);
            }));
        catalog.Add("wiener", new ImageOperationDefinition(
            "wiener",
            "wiener[:k=3,noise=auto] adaptive Wiener denoising per channel (scipy.signal.wiener; noise = mean local variance when omitted); alpha kept",
            args =>
            {
                double? noise = args.Has("noise") ? args.GetDouble("noise", 0) : null;
                var options = new WienerOptions(args.GetInt("k", 3), noise);
                Validate(args, () => options.Validate());
                return image => image.Wiener(options);
            }));
        catalog.Add("convolve", new ImageOperationDefinition(
            "convolve",
            "convolve:kernel=a;b;c;... (n² values, row-major, anchor at the centre, correlation as cv2.filter2D)[,border=reflect101]; alpha kept",
            args =>
            {
                double[] values = args.GetDoubles("kernel") ?? throw new ArgumentException("Operation 'convolve' needs 'kernel='.");
                ConvolutionKernel kernel = null!;
                Validate(args, () => kernel = ConvolutionKernel.Square(Array.ConvertAll(values, v => (float)v)));
                var options = new ConvolutionOptions(Border(args));
                return image => image.Convolve(kernel, options);
            }));
    }

    private static BorderMode Border(OperationArguments args) => args.GetEnum("border", BorderMode.Reflect101);

    /// <summary>Re-throws a validation failure as an <see cref="ArgumentException"/> naming the operation.</summary>
    private static void Validate(OperationArguments args, Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Operation '{args.Operation}': {e.Message}", e);
        }
    }
}
