using NoteGuard.Imaging;
using NoteGuard.Inspection.Inspections;
using NoteGuard.TestUtilities.Models;

namespace NoteGuard.Inspection.Tests.Inspections;

public sealed class BanknoteInspectorTests
{
    // float probabilities carried into doubles; a softmax sums to 1 within a few float ulps.
    private const double ProbabilityTolerance = 1e-6;

    private static readonly BanknoteModel s_denomination = TinyModels.Denomination();
    private static readonly BanknoteModel s_authenticity = TinyModels.Authenticity();
    private static readonly byte[] s_photo = TinyModels.PhotoPng();

    [Fact]
    public void A_denomination_only_model_gives_the_most_probable_label_and_never_judges_authenticity()
    {
        var inspector = new BanknoteInspector([s_denomination]);

        var result = inspector.Inspect(s_photo, null, CancellationToken.None);

        Assert.Null(result.Authenticity);
        var denomination = Assert.IsType<DenominationResult>(result.Denomination);
        using var image = ImageCodec.Decode(s_photo);
        float[] expected = s_denomination.Predict(image);
        int best = Array.IndexOf(expected, expected.Max());
        Assert.Equal(TinyModels.VndLabels[best], denomination.Label);
        Assert.Equal(expected[best], denomination.Probability, ProbabilityTolerance);
        Assert.Equal([new ModelReference("tiny-denomination", "1.2.3")], result.Models);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(50, 6)]
    public void TopK_is_sorted_best_first_starts_with_the_label_and_sums_to_at_most_one(int topK, int expectedCount)
    {
        var inspector = new BanknoteInspector([s_denomination], new BanknoteInspectorOptions { TopK = topK });

        var denomination = inspector.Inspect(s_photo, null, CancellationToken.None).Denomination!;

        Assert.Equal(expectedCount, denomination.TopK.Count);
        Assert.Equal(denomination.Label, denomination.TopK[0].Label);
        for (int i = 1; i < denomination.TopK.Count; i++)
        {
            Assert.True(denomination.TopK[i - 1].Probability >= denomination.TopK[i].Probability, $"top_k[{i}] is more probable than top_k[{i - 1}]");
        }

        double sum = denomination.TopK.Sum(t => t.Probability);
        Assert.True(sum <= 1 + ProbabilityTolerance, $"top-k probabilities sum to {sum}");
        Assert.Equal(expectedCount, denomination.TopK.Select(t => t.Label).Distinct().Count());
        if (expectedCount == TinyModels.VndLabels.Length)
        {
            Assert.Equal(1.0, sum, ProbabilityTolerance);
        }
    }

    [Fact]
    public void The_authenticity_verdict_follows_the_genuine_labels_probability()
    {
        var inspector = new BanknoteInspector([s_denomination, s_authenticity]);

        var result = inspector.Inspect(s_photo, null, CancellationToken.None);

        using var image = ImageCodec.Decode(s_photo);
        double real = s_authenticity.Predict(image)[1];
        var authenticity = Assert.IsType<AuthenticityResult>(result.Authenticity);
        Assert.Equal(real >= 0.5 ? CounterfeitVerdict.Genuine : CounterfeitVerdict.Counterfeit, authenticity.Verdict);
        Assert.Equal(real >= 0.5 ? real : 1 - real, authenticity.Probability, ProbabilityTolerance);
        Assert.InRange(authenticity.Probability, 0.5, 1.0);
        Assert.NotNull(result.Denomination);
        Assert.Equal(["tiny-denomination", "tiny-authenticity"], result.Models.Select(m => m.Name));
        Assert.Equal("0.9.0", result.Models[1].Version);
    }

    [Fact]
    public void By_default_an_authenticity_model_of_another_currency_is_not_run_and_the_result_says_why()
    {
        var dong = TinyModels.Denomination("dong", currency: "VND");
        var taka = TinyModels.Authenticity("taka", currency: "bdt");
        Assert.Equal("BDT", taka.Currency);

        var byDefault = new BanknoteInspector([taka, dong]).Inspect(s_photo, null, CancellationToken.None);
        Assert.NotNull(byDefault.Denomination);
        Assert.Null(byDefault.Authenticity);
        Assert.Equal("dong", Assert.Single(byDefault.Models).Name);
        Assert.Contains("covers BDT notes", Assert.Single(byDefault.Notes), StringComparison.Ordinal);

        var named = new BanknoteInspector([taka, dong]).Inspect(s_photo, ["dong", "taka"], CancellationToken.None);
        Assert.NotNull(named.Authenticity);
        Assert.Empty(named.Notes);

        var sameCurrency = new BanknoteInspector([TinyModels.Authenticity("dong-fakes", currency: "VND"), dong]).Inspect(s_photo, null, CancellationToken.None);
        Assert.NotNull(sameCurrency.Authenticity);
    }

    [Fact]
    public void Selecting_only_the_authenticity_model_leaves_the_denomination_null()
    {
        var inspector = new BanknoteInspector([s_denomination, s_authenticity]);

        var result = inspector.Inspect(s_photo, ["TINY-authenticity"], CancellationToken.None);

        Assert.Null(result.Denomination);
        Assert.NotNull(result.Authenticity);
        Assert.Equal("tiny-authenticity", Assert.Single(result.Models).Name);
    }

    [Fact]
    public void Timings_are_non_negative_and_the_total_covers_the_stages()
    {
        var inspector = new BanknoteInspector([s_denomination, s_authenticity]);

        var t = inspector.Inspect(s_photo, null, CancellationToken.None).TimingMs;

        Assert.True(t.Decode >= 0 && t.Preprocess > 0 && t.Infer > 0, $"{t}");
        Assert.True(t.Total >= t.Decode + t.Preprocess + t.Infer, $"{t}");
    }

    [Fact]
    public void An_unknown_model_name_throws_UnknownModelException_listing_the_loaded_ones()
    {
        var inspector = new BanknoteInspector([s_denomination]);

        var ex = Assert.Throws<UnknownModelException>(() => inspector.Inspect(s_photo, ["usd"], CancellationToken.None));

        Assert.Contains("tiny-denomination", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_bytes_throw_InvalidImageException()
    {
        var inspector = new BanknoteInspector([s_denomination]);

        Assert.Throws<InvalidImageException>(() => inspector.Inspect(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 1, 2 }, null, CancellationToken.None));
    }

    [Fact]
    public void A_cancelled_token_stops_the_inspection()
    {
        var inspector = new BanknoteInspector([s_denomination]);

        Assert.Throws<OperationCanceledException>(() => inspector.Inspect(s_photo, null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Models_lists_the_summaries_in_order()
    {
        var inspector = new BanknoteInspector([s_authenticity, s_denomination]);

        Assert.Equal(["authenticity", "denomination"], inspector.Models.Select(m => m.Task));
        Assert.Equal(["fake", "real"], inspector.Models[0].Labels);
    }

    [Fact]
    public void Two_models_with_one_name_or_a_top_k_below_one_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BanknoteInspector([s_denomination, TinyModels.Denomination()]));
        Assert.Throws<ArgumentException>(() => new BanknoteInspector([s_denomination], new BanknoteInspectorOptions { TopK = 0 }));
    }

    [Fact]
    public void Concurrent_inspections_give_the_same_result_as_a_single_one()
    {
        var inspector = new BanknoteInspector([s_denomination, s_authenticity]);
        var expected = inspector.Inspect(s_photo, null, CancellationToken.None);
        var results = new InspectionResult[16];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = inspector.Inspect(s_photo, null, CancellationToken.None));

        foreach (var result in results)
        {
            Assert.Equal(expected.Denomination!.TopK, result.Denomination!.TopK);
            Assert.Equal(expected.Authenticity, result.Authenticity);
        }
    }
}
