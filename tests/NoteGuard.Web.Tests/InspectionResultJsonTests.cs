using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NoteGuard.Inspection.Inspections;

namespace NoteGuard.Web.Tests;

/// <summary>The result shape shared by <c>noteguard check --json</c> and the API.</summary>
public sealed class InspectionResultJsonTests
{
    // The CLI's JsonOutput settings: snake_case and nulls left out unless a property insists.
    private static readonly JsonSerializerOptions s_cli = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [Fact]
    public void Result_serializes_with_snake_case_keys_lower_case_verdicts_and_explicit_nulls()
    {
        var result = new InspectionResult
        {
            Denomination = new DenominationResult("200000", 0.875, [new("200000", 0.875), new("100000", 0.125)]),
            Authenticity = null,
            TimingMs = new InspectionTiming(1.5, 0.25, 2, 3.75),
            Models = [new ModelReference("vnd-denomination", "1")],
        };
        string json = JsonSerializer.Serialize(result, s_cli);
        Assert.Equal(
            """{"denomination":{"label":"200000","probability":0.875,"top_k":[{"label":"200000","probability":0.875},{"label":"100000","probability":0.125}]},"authenticity":null,"timing_ms":{"decode":1.5,"preprocess":0.25,"infer":2,"total":3.75},"models":[{"name":"vnd-denomination","version":"1"}],"notes":[]}""",
            json);

        var empty = result with { Denomination = null, Authenticity = new AuthenticityResult(CounterfeitVerdict.Counterfeit, 0.75) };
        string emptyJson = JsonSerializer.Serialize(empty, s_cli);
        Assert.StartsWith("""{"denomination":null,"authenticity":{"verdict":"counterfeit","probability":0.75}""", emptyJson, StringComparison.Ordinal);

        var back = JsonSerializer.Deserialize<InspectionResult>(emptyJson, s_cli)!;
        Assert.Equal(CounterfeitVerdict.Counterfeit, back.Authenticity!.Verdict);
        Assert.Null(back.Denomination);
    }

    [Fact]
    public void Unknown_verdict_word_is_a_json_error()
    {
        const string Json = """{"authenticity":{"verdict":"maybe","probability":0.5},"timing_ms":{"decode":0,"preprocess":0,"infer":0,"total":0},"models":[]}""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<InspectionResult>(Json, s_cli));
    }
}
