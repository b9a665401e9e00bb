using System.CommandLine;
using System.Globalization;
using System.Text;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Features;

namespace NoteGuard.Cli.Commands;

/// <summary><c>noteguard features wavelet</c>: seed 003's wavelet statistics from images, as a CSV for <c>tabular</c>.</summary>
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var features = new Command("features", "Compute hand-made feature vectors from images, written as CSV for 'noteguard tabular'.");
        features.Subcommands.Add(CreateWavelet());
        return features;
    }

    private static Command CreateWavelet()
    {
        var images = new Argument<string[]>("IMAGE") { Description = "Images (PNG, JPEG, PPM/PGM).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "CSV file to write (default: stdout)." };
        var level = new Option<int>("--level") { Description = "Haar decomposition level 1..8 (default 1).", DefaultValueFactory = _ => 1 };
        var subband = new Option<string>("--subband")
        {
            Description = "Coefficients used: details (H, V and D pooled; default), approximation, horizontal, vertical, diagonal.",
            DefaultValueFactory = _ => "details",
        };
        var labelFromFolder = new Option<bool>("--label-from-folder") { Description = "Add a 'class' column holding each image's parent folder name (e.g. real/, fake/)." };
        var label = new Option<string?>("--label") { Description = "Add a 'class' column with this value for every image." };
        var maxPixels = CommonOptions.MaxPixels();
        var command = new Command("wavelet",
            "Seed 003's four statistics of the wavelet-transformed grey image: variance, skewness, (excess) kurtosis and entropy " +
            "(Haar wavelet, BT.601 grey; see docs/classical.md). Columns: file,variance,skewness,curtosis,entropy[,class] " +
            "(the UCI dataset's names), so the tabular pipeline runs on photos.\n" +
            "Examples:\n" +
            "  noteguard features wavelet real/*.jpg fake/*.jpg --label-from-folder --out notes.csv\n" +
            "  noteguard tabular evaluate --data notes.csv --label class --ignore file --model svm --standardize --cv 10")
        {
            images, output, level, subband, labelFromFolder, label, maxPixels,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(labelFromFolder) && parse.GetValue(label) is not null)
            {
                throw new ArgumentException("choose one of --label and --label-from-folder");
            }

            var options = new WaveletFeatureOptions
            {
                Level = parse.GetValue(level),
                Subband = parse.GetValue(subband)!.ToLowerInvariant() switch
                {
                    "details" => WaveletSubband.Details,
                    "approximation" => WaveletSubband.Approximation,
                    "horizontal" => WaveletSubband.Horizontal,
                    "vertical" => WaveletSubband.Vertical,
                    "diagonal" => WaveletSubband.Diagonal,
                    var other => throw new ArgumentException($"unknown sub-band '{other}'"),
                },
            };
            var decoder = DecoderOptions.Default with { MaxPixels = parse.GetValue(maxPixels) };
            bool withClass = parse.GetValue(labelFromFolder) || parse.GetValue(label) is not null;
            var csv = new StringBuilder("file,variance,skewness,curtosis,entropy" + (withClass ? ",class" : string.Empty) + "\n");
            foreach (string path in parse.GetValue(images)!)
            {
                using var image = ImageCodec.Load(path, decoder);
                var stats = WaveletFeatures.Compute(image, options);
                csv.Append(Quote(path)).Append(CultureInfo.InvariantCulture, $",{stats.Variance:R},{stats.Skewness:R},{stats.Kurtosis:R},{stats.Entropy:R}");
                if (withClass)
                {
                    string cls = parse.GetValue(label) ?? new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!).Name;
                    csv.Append(',').Append(Quote(cls));
                }

                csv.Append('\n');
            }

            if (parse.GetValue(output) is string file)
            {
                File.WriteAllText(file, csv.ToString());
                Console.Error.WriteLine($"wrote {parse.GetValue(images)!.Length} rows to {file}");
            }
            else
            {
                Console.Out.Write(csv.ToString());
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",;\t\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
