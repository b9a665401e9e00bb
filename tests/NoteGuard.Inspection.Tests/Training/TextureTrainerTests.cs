using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.Inspection.Training;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Serialization;
using NoteGuard.Learning.Tensors;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Training;

/// <summary>
/// The texture-svm model end to end on a generated set where only print texture separates the classes: "genuine"
/// notes carry a fine dot screen, "fake" ones the same mean colours printed flat with noise. Train → save → load →
/// evaluate, and the file's failure modes.
/// </summary>
public sealed class TextureTrainerTests : IDisposable
{
    private const int ImagesPerClass = 12;
    private static readonly string[] s_classes = ["fake", "genuine"];
    private readonly string _dir = TestPaths.NewTempDirectory();
    private readonly List<DatasetItem> _train = [];
    private readonly List<DatasetItem> _validation = [];
    private readonly List<DatasetItem> _test = [];

    public TextureTrainerTests()
    {
        var random = new SeededRandom(21);
        foreach (string label in s_classes)
        {
            for (int i = 0; i < ImagesPerClass; i++)
            {
                string path = Path.Combine(_dir, label, $"note_{i}.png");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var image = Image.Create(40, 40, PixelFormat.Rgb24);
                var pixels = image.Pixels;
                int tint = (int)(random.NextDouble() * 40);
                for (int y = 0; y < 40; y++)
                {
                    for (int x = 0; x < 40; x++)
                    {
                        int p = 3 * ((y * 40) + x);
                        bool dot = label == "genuine" && x % 3 == 0 && y % 3 == 0;

                        // Same mean colour in both classes: dots are darker, the flat print sits at the mean of dots and paper.
                        int level = label == "genuine" ? (dot ? 60 : 160) : 149 + (int)(random.NextDouble() * 6);
                        pixels[p] = (byte)(level + tint);
                        pixels[p + 1] = (byte)level;
                        pixels[p + 2] = (byte)(level - 20);
                    }
                }

                ImageCodec.Save(image, path);
                (i < 8 ? _train : i < 10 ? _validation : _test).Add(new DatasetItem(path, label));
            }
        }
    }

    private static PreprocessingPreset Preset => PreprocessingPresets.Texture(40);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TrainsSavesLoadsAndEvaluatesOnTextureAlone()
    {
        var result = TextureTrainer.Train(_train, _validation, s_classes, Preset, new TextureTrainerOptions { CValues = [0.5, 1, 10], Seed = 3 });
        Assert.Equal([0.5, 1, 10], result.Candidates.Select(c => c.C));
        Assert.All(result.Candidates, c => Assert.InRange(c.ValidationAccuracy, 0, 1));
        Assert.Equal(result.Candidates.Max(c => c.ValidationAccuracy), result.Chosen.ValidationAccuracy);
        Assert.Equal(result.Candidates.First(c => c.ValidationAccuracy == result.Chosen.ValidationAccuracy), result.Chosen);
        Assert.Empty(result.Skipped);
        Assert.Equal(_train.Count + _validation.Count, result.FittedImages); // refit on train + validation once C is chosen
        Assert.Equal(_train.Count, TextureTrainer.Train(_train, _validation, s_classes, Preset, new TextureTrainerOptions { CValues = [1], RefitWithValidation = false }).FittedImages);

        var model = BanknoteModel.CreateTexture(result.Classifier, Preset, "texture-test", ModelTask.Authenticity, "genuine");
        Assert.Null(model.Network);
        Assert.Equal(BanknoteModel.TextureArchitecture, model.Architecture);
        int supportVectors = ((Learning.Classical.Svm.SvmClassifier)result.Classifier.Classifier).SupportVectorCount;
        Assert.True(model.ParameterCount > supportVectors * Inspection.Features.TextureFeatures.Length);

        string file = Path.Combine(_dir, "texture.ngm");
        model.WithCard(new ModelCard { Data = "generated dot screens", Split = "8/2/2 per class" }).Save(file);
        var loaded = BanknoteModel.Load(file);
        var stored = ModelFile.Load(file).Tensors.ToDictionary(t => t.Name, t => t.DataType);
        Assert.Equal(TensorDataType.Float16, stored["support_vectors"]); // nearly all of the file
        Assert.All(stored.Where(t => t.Key != "support_vectors"), t => Assert.NotEqual(TensorDataType.Float64, t.Value));
        Assert.Equal("texture-svm", loaded.Architecture);
        Assert.Equal(s_classes, loaded.Labels);
        Assert.Equal("generated dot screens", loaded.Card!.Data);
        Assert.Equal(Preset.ToJson(), loaded.Preset.ToJson());

        var predictions = ImageEvaluation.Predict(loaded, _test);
        Assert.Equal(_test.Count, predictions.Items.Count);
        Assert.Equal(predictions.Truth, predictions.Predicted);
        for (int i = 0; i < _test.Count; i++)
        {
            Assert.Equal(1.0, predictions.Probabilities[2 * i] + predictions.Probabilities[(2 * i) + 1], 5);
        }

        // The file reproduces the in-memory model exactly, and a photo gives the same answer as the prepared tensor.
        using var photo = ImageCodec.Load(_test[0].Path);
        Assert.Equal(model.Predict(photo), loaded.Predict(photo));
        Assert.Equal(loaded.Predict(photo), loaded.PredictPrepared(Preprocessor.Run(photo, loaded.Preset)));
        Assert.True(loaded.MeasureLatencyMilliseconds(3) > 0);
    }

    [Fact]
    public void CorruptOrForeignFilesAreClearErrors()
    {
        var result = TextureTrainer.Train(_train, [], s_classes, Preset, new TextureTrainerOptions { CValues = [1] });
        Assert.True(double.IsNaN(result.Chosen.ValidationAccuracy));
        var model = BanknoteModel.CreateTexture(result.Classifier, Preset, "texture-test", ModelTask.Authenticity, "genuine");
        string file = Path.Combine(_dir, "texture.ngm");
        model.Save(file);

        byte[] bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x5A;
        string corrupt = Path.Combine(_dir, "corrupt.ngm");
        File.WriteAllBytes(corrupt, bytes);
        Assert.Throws<InvalidModelException>(() => BanknoteModel.Load(corrupt));

        // A tabular (wavelet-feature) SVM is not an image model.
        string tabular = Path.Combine(_dir, "tabular.ngm");
        result.Classifier.Save(tabular);
        var foreign = Assert.Throws<InvalidModelException>(() => BanknoteModel.Load(tabular));
        Assert.Contains("not an image model", foreign.Message, StringComparison.Ordinal);

        // A texture classifier over other features, or a preset that normalises, cannot be wrapped.
        var other = TabularModel.Fit(new FeatureMatrix([0, 1, 1, 0], 2, 2), [0, 1], s_classes, ["a", "b"], new TabularModelOptions { Classifier = new Learning.Classical.Svm.SvmOptions() });
        Assert.Throws<ArgumentException>(() => BanknoteModel.CreateTexture(other, Preset, "x", ModelTask.Denomination));
        Assert.Throws<ArgumentException>(() => BanknoteModel.CreateTexture(result.Classifier, PreprocessingPresets.ResnetImageNet(40), "x", ModelTask.Denomination));
        Assert.Throws<ArgumentException>(() => TextureTrainer.Train(_train, [], s_classes, Preset, new TextureTrainerOptions { CValues = [0] }));
    }

    [Fact]
    public void DamagedHeadersAndTensorsOfATextureFileAreInvalidModelsNeverCrashes()
    {
        // The file's checksum stops random damage on disk; this reaches the checks behind it: a header or tensors that
        // parse but say the wrong thing (edited JSON, truncated or reshaped support vectors, a dropped tensor).
        var result = TextureTrainer.Train(_train, [], s_classes, Preset, new TextureTrainerOptions { CValues = [1] });
        var file = BanknoteModel.CreateTexture(result.Classifier, Preset, "texture-test", ModelTask.Authenticity, "genuine").ToModelFile();
        byte[] header = Encoding.UTF8.GetBytes(file.Header.ToJsonString());
        var rng = new Random(20261121);
        int accepted = 0;
        for (int i = 0; i < 400; i++)
        {
            JsonObject? mutatedHeader = file.Header;
            var tensors = file.Tensors.ToList();
            if (i % 2 == 0)
            {
                try
                {
                    mutatedHeader = JsonNode.Parse(MutationFuzzer.Mutate(header, rng)) as JsonObject;
                }
                catch (JsonException)
                {
                    continue; // not JSON: the reader refuses it before the model sees it (ModelFileFuzzTests)
                }

                if (mutatedHeader is null)
                {
                    continue;
                }
            }
            else
            {
                int victim = rng.Next(tensors.Count);
                var tensor = tensors[victim];
                int[] shape = [.. tensor.Shape];
                if (rng.Next(3) == 0)
                {
                    tensors.RemoveAt(victim);
                }
                else
                {
                    shape[rng.Next(shape.Length)] = rng.Next(0, 4);
                    int length = shape.Aggregate(1, (a, b) => a * b);
                    tensors[victim] = tensor.DataType == TensorDataType.Int32
                        ? new StoredTensor(tensor.Name, shape, new int[length])
                        : new StoredTensor(tensor.Name, shape, new float[length]);
                }
            }

            var damaged = new ModelFile { Kind = file.Kind, Header = mutatedHeader, Labels = file.Labels };
            foreach (var t in tensors)
            {
                damaged.Tensors.Add(t);
            }

            try
            {
                var model = BanknoteModel.FromModelFile(damaged);
                model.PredictPrepared(new float[model.Preset.TensorLength]);
                accepted++;
            }
            catch (InvalidModelException)
            {
            }
        }

        // Most edits are caught; the few accepted ones (e.g. an edited card text) still predict without crashing.
        Assert.InRange(accepted, 0, 200);
    }
}
