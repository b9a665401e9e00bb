using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NoteGuard.Imaging;
using NoteGuard.Imaging.Processing.Pipeline;

namespace NoteGuard.Cli.Commands;

/// <summary><c>noteguard image info|convert|process</c>: decode, inspect, convert and process images.</summary>
internal static class ImageCommand
{
    public static Command Create()
    {
        var image = new Command("image", "Read, convert and process images (PNG, JPEG, PPM/PGM; format detected from content).");
        image.Subcommands.Add(CreateInfo());
        image.Subcommands.Add(CreateConvert());
        image.Subcommands.Add(CreateProcess());
        return image;
    }

    private static Command CreateInfo()
    {
        var input = new Argument<string>("IN") { Description = "Image file to describe." };
        var json = CommonOptions.Json();
        var maxPixels = CommonOptions.MaxPixels();
        var command = new Command("info", "Describe an image: format, size, channels, bit depth, colour model and format details (e.g. progressive, subsampling, EXIF orientation).\nExample: noteguard image info note.jpg --json")
        {
            input, json, maxPixels,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string path = parse.GetValue(input)!;
            var options = DecoderOptions.Default with { MaxPixels = parse.GetValue(maxPixels) };
            var info = ImageCodec.IdentifyFile(path, options);
            long bytes = new FileInfo(path).Length;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    path,
                    format = info.Format.ToString().ToLowerInvariant(),
                    width = info.Width,
                    height = info.Height,
                    channels = info.PixelFormat.ChannelCount(),
                    pixel_format = info.PixelFormat.ToString(),
                    bit_depth = info.BitDepth,
                    color_model = info.ColorModel,
                    file_bytes = bytes,
                    details = info.Details,
                });
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: {info.Format.ToString().ToUpperInvariant()} {info.Width}×{info.Height}, {info.ColorModel}, {info.BitDepth}-bit, decodes to {info.PixelFormat}, {bytes} bytes"));
                foreach (var (key, value) in info.Details.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"  {key}: {value}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateConvert()
    {
        var input = new Argument<string>("IN") { Description = "Image to decode (PNG, JPEG, PPM/PGM)." };
        var output = new Argument<string>("OUT") { Description = "File to write; the extension picks the format: .png, .ppm, .pgm or .pnm." };
        var maxPixels = CommonOptions.MaxPixels();
        var command = new Command("convert", "Decode any supported image and write it as PNG, PPM or PGM (by the output extension). JPEG EXIF orientation is applied; alpha is kept in PNG and dropped in PNM.\nExample: noteguard image convert photo.jpg photo.png")
        {
            input, output, maxPixels,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var options = DecoderOptions.Default with { MaxPixels = parse.GetValue(maxPixels) };
            CheckOutputExtension(parse.GetValue(output)!);
            using var image = ImageCodec.Load(parse.GetValue(input)!, options);
            PrepareOutput(parse.GetValue(output)!);
            ImageCodec.Save(image, parse.GetValue(output)!);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateProcess()
    {
        var input = new Argument<string>("IN") { Description = "Image to process." };
        var output = new Argument<string>("OUT") { Description = "Result file (.png, .ppm, .pgm or .pnm)." };
        var ops = new Option<string[]>("--op")
        {
            Description = "A step NAME[:key=value,...]; repeat to build a pipeline, applied in order. Operations: " +
                string.Join(", ", ImagePipeline.Operations.Select(o => o.Name)) + ". See --list-ops.",
            AllowMultipleArgumentsPerToken = false,
        };
        var list = new Option<bool>("--list-ops") { Description = "List every operation with its arguments and defaults, then exit." };
        var json = CommonOptions.Json();
        var maxPixels = CommonOptions.MaxPixels();
        var command = new Command("process",
            "Apply a pipeline of image operations and write the result.\n" +
            "Example: noteguard image process note.jpg edges.png --op gray --op clahe:clip=2,tiles=8 --op sobel:mode=magnitude")
        {
            ops, list, json, maxPixels,
        };
        input.Arity = ArgumentArity.ZeroOrOne;
        output.Arity = ArgumentArity.ZeroOrOne;
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(list))
            {
                foreach (var op in ImagePipeline.Operations)
                {
                    Console.WriteLine($"{op.Name,-12} {op.Usage}");
                }

                return ExitCodes.Success;
            }

            string inPath = parse.GetValue(input) ?? throw new ArgumentException("Missing IN: the image to process.");
            string outPath = parse.GetValue(output) ?? throw new ArgumentException("Missing OUT: the file to write.");
            string[] specs = parse.GetValue(ops) ?? [];
            if (specs.Length == 0)
            {
                throw new ArgumentException("Give at least one --op (see --list-ops).");
            }

            CheckOutputExtension(outPath);
            foreach (string spec in specs)
            {
                _ = ImagePipeline.Parse(spec); // validate every step before decoding anything
            }

            var options = DecoderOptions.Default with { MaxPixels = parse.GetValue(maxPixels) };
            var watch = Stopwatch.StartNew();
            using var image = ImageCodec.Load(inPath, options);
            double decodeMs = watch.Elapsed.TotalMilliseconds;
            using var result = ImagePipeline.Apply(image, specs);
            double processMs = watch.Elapsed.TotalMilliseconds - decodeMs;
            PrepareOutput(outPath);
            ImageCodec.Save(result, outPath);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    input = inPath,
                    output = outPath,
                    steps = specs,
                    width = result.Width,
                    height = result.Height,
                    pixel_format = result.Format.ToString(),
                    decode_ms = decodeMs,
                    process_ms = processMs,
                });
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Creates the output's folder, so <c>out/x.png</c> works on a fresh clone (the extension was checked before decoding).</summary>
    private static void PrepareOutput(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static void CheckOutputExtension(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".png" or ".ppm" or ".pgm" or ".pnm"))
        {
            throw new ArgumentException($"Cannot write '{path}': the output extension must be .png, .ppm, .pgm or .pnm.");
        }
    }
}
