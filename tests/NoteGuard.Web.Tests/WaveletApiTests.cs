using System.Net;
using System.Text;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Classical.Svm;
using static NoteGuard.Web.Tests.InspectionsApiTests;

namespace NoteGuard.Web.Tests;

public sealed class WaveletApiTests
{
    private static readonly string[] s_features = ["variance", "skewness", "curtosis", "entropy"];

    /// <summary>An SVM on two well-separated clusters in the UCI feature space; label "0" (genuine) has positive variance.</summary>
    private static string TrainModel()
    {
        var rng = new Random(7);
        var rows = new List<double[]>();
        var y = new List<int>();
        for (int i = 0; i < 40; i++)
        {
            rows.Add([3 + rng.NextDouble(), 5 + rng.NextDouble(), -2 + rng.NextDouble(), rng.NextDouble()]);
            y.Add(0);
            rows.Add([-3 - rng.NextDouble(), -5 - rng.NextDouble(), 2 + rng.NextDouble(), -1 - rng.NextDouble()]);
            y.Add(1);
        }

        var model = TabularModel.Fit(
            FeatureMatrix.FromRows(rows),
            y.ToArray(),
            ["0", "1"],
            s_features,
            new TabularModelOptions { Classifier = new SvmOptions { Probability = true, Seed = 1 }, Scaling = ScalingMethod.Standardize });
        string path = Path.Combine(Path.GetTempPath(), "noteguard-web-tests", Guid.NewGuid().ToString("N") + ".ngm");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        model.Save(path);
        return path;
    }

    private static StringContent Features(double v, double s, double c, double e) =>
        new(FormattableString.Invariant($$"""{"variance": {{v}}, "skewness": {{s}}, "curtosis": {{c}}, "entropy": {{e}}}"""), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Configured_model_gives_verdicts_and_is_listed()
    {
        string path = TrainModel();
        using var factory = new WebFactory(true, ("NoteGuard:Wavelet:ModelPath", path));
        using var client = factory.CreateClient();

        var genuine = await client.PostAsync("/api/v1/features/wavelet", Features(3.5, 5.5, -1.5, 0.5));
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        var body = await Json(genuine);
        Assert.Equal("genuine", body.GetProperty("verdict").GetString());
        Assert.Equal("0", body.GetProperty("label").GetString());
        double p = body.GetProperty("probability").GetDouble();
        Assert.InRange(p, 0.5, 1.0);

        var counterfeit = await Json(await client.PostAsync("/api/v1/features/wavelet", Features(-3.5, -5.5, 2.5, -1.5)));
        Assert.Equal("counterfeit", counterfeit.GetProperty("verdict").GetString());
        Assert.Equal("1", counterfeit.GetProperty("label").GetString());

        var models = await Json(await client.GetAsync("/api/v1/models"));
        Assert.Equal("svm", models.GetProperty("wavelet").GetProperty("kind").GetString());
        Assert.Equal(2, models.GetProperty("wavelet").GetProperty("labels").GetArrayLength());
    }

    [Fact]
    public void Missing_or_unsuitable_model_stops_the_service_at_start_up()
    {
        using (var missing = new WebFactory(true, ("NoteGuard:Wavelet:ModelPath", "/nonexistent/uci.ngm")))
        {
            Assert.Throws<FileNotFoundException>(() => missing.CreateClient());
        }

        using var wrongLabel = new WebFactory(true, ("NoteGuard:Wavelet:ModelPath", TrainModel()), ("NoteGuard:Wavelet:GenuineLabel", "authentic"));
        var ex = Assert.Throws<InvalidDataException>(() => wrongLabel.CreateClient());
        Assert.Contains("authentic", ex.Message, StringComparison.Ordinal);
    }
}
