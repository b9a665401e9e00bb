using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NoteGuard.TestUtilities;

namespace NoteGuard.Web.Tests;

public sealed class InspectionsApiTests : IClassFixture<InspectionsApiTests.Fixture>
{
    private readonly Fixture _fixture;

    public InspectionsApiTests(Fixture fixture) => _fixture = fixture;

    public sealed class Fixture : IDisposable
    {
        public WebFactory Factory { get; } = new(withInspector: true, ("NoteGuard:RateLimit:PermitLimit", "0"));

        public void Dispose() => Factory.Dispose();
    }

    internal static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts 201, showing the problem body otherwise.</summary>
    internal static async Task AssertCreated(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    internal static ByteArrayContent Raw(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    [Fact]
    public async Task Post_raw_image_answers_201_with_check_shape_and_location()
    {
        using var client = _fixture.Factory.CreateClient();
        var response = await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(), TestImages.GrayType));
        await AssertCreated(response);
        var body = await Json(response);
        string id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/inspections/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("100000", body.GetProperty("denomination").GetProperty("label").GetString());
        Assert.Equal(3, body.GetProperty("denomination").GetProperty("top_k").GetArrayLength());
        Assert.Equal("genuine", body.GetProperty("authenticity").GetProperty("verdict").GetString());
        foreach (string stage in new[] { "decode", "preprocess", "infer", "total" })
        {
            Assert.True(body.GetProperty("timing_ms").GetProperty(stage).GetDouble() >= 0);
        }

        Assert.Equal(2, body.GetProperty("models").GetArrayLength());
        Assert.Equal("test-denomination", body.GetProperty("models")[0].GetProperty("name").GetString());
        Assert.Equal(64, body.GetProperty("image_sha256").GetString()!.Length);
        Assert.Equal(TestImages.Gray().Length, body.GetProperty("image_bytes").GetInt64());
    }

    [Fact]
    public async Task Post_multipart_with_models_field_runs_only_those_models_and_authenticity_is_null()
    {
        using var client = _fixture.Factory.CreateClient();
        using var form = new MultipartFormDataContent
        {
            { Raw(TestImages.Gray(), TestImages.GrayType), "image", "note.png" },
            { new StringContent("test-denomination"), "models" },
        };
        var response = await client.PostAsync("/api/v1/inspections", form);
        await AssertCreated(response);
        var body = await Json(response);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("authenticity").ValueKind);
        Assert.Equal(1, body.GetProperty("models").GetArrayLength());
    }

    [Fact]
    public async Task Post_png_encoded_by_noteguard_is_inspected()
    {
        using var image = NoteGuard.Imaging.Image.Create(24, 16, NoteGuard.Imaging.PixelFormat.Rgb24);
        for (int y = 0; y < image.Height; y++)
        {
            image.GetRow(y).Fill(150);
        }

        using var png = new MemoryStream();
        NoteGuard.Imaging.ImageCodec.EncodePng(image, png);
        using var client = _fixture.Factory.CreateClient();
        var response = await client.PostAsync("/api/v1/inspections", Raw(png.ToArray(), "image/png"));
        await AssertCreated(response);
        Assert.Equal(png.Length, (await Json(response)).GetProperty("image_bytes").GetInt64());
    }

    [Fact]
    public async Task Post_sample_jpeg_as_octet_stream_is_inspected()
    {
        string sample = Path.Combine(TestPaths.RepoRoot, "samples", "vnd-100000.jpg");
        using var client = _fixture.Factory.CreateClient();
        var response = await client.PostAsync("/api/v1/inspections", Raw(File.ReadAllBytes(sample), "application/octet-stream"));
        await AssertCreated(response);
    }

    [Fact]
    public async Task Get_by_id_returns_the_stored_inspection_and_unknown_id_is_404_problem()
    {
        using var client = _fixture.Factory.CreateClient();
        var created = await Json(await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(8, 10), TestImages.GrayType)));
        string id = created.GetProperty("id").GetString()!;
        var fetched = await client.GetAsync($"/api/v1/inspections/{id}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        var body = await Json(fetched);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal(created.GetProperty("image_sha256").GetString(), body.GetProperty("image_sha256").GetString());
        Assert.Equal(created.GetProperty("denomination").GetProperty("label").GetString(), body.GetProperty("denomination").GetProperty("label").GetString());
        Assert.Equal("counterfeit", body.GetProperty("authenticity").GetProperty("verdict").GetString());

        var missing = await client.GetAsync($"/api/v1/inspections/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task List_filters_by_verdict_and_pages_newest_first()
    {
        using var factory = new WebFactory(withInspector: true, ("NoteGuard:RateLimit:PermitLimit", "0"));
        using var client = factory.CreateClient();
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            // values 200 (genuine) and 10 (counterfeit) alternate
            var body = await Json(await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(8, i % 2 == 0 ? (byte)200 : (byte)10), TestImages.GrayType)));
            ids.Add(body.GetProperty("id").GetString()!);
        }

        var page1 = await Json(await client.GetAsync("/api/v1/inspections?page=1&page_size=2"));
        Assert.Equal(5, page1.GetProperty("total").GetInt64());
        Assert.Equal(ids[4], page1.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(ids[3], page1.GetProperty("items")[1].GetProperty("id").GetString());
        var page3 = await Json(await client.GetAsync("/api/v1/inspections?page=3&page_size=2"));
        Assert.Equal(1, page3.GetProperty("items").GetArrayLength());
        Assert.Equal(ids[0], page3.GetProperty("items")[0].GetProperty("id").GetString());

        var counterfeit = await Json(await client.GetAsync("/api/v1/inspections?verdict=counterfeit"));
        Assert.Equal(2, counterfeit.GetProperty("total").GetInt64());
        var future = await Json(await client.GetAsync($"/api/v1/inspections?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}"));
        Assert.Equal(0, future.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("verdict=maybe")]
    [InlineData("page=0")]
    [InlineData("page_size=501")]
    [InlineData("from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z")]
    [InlineData("from=yesterday")]
    public async Task List_with_bad_query_is_400_problem(string query)
    {
        using var client = _fixture.Factory.CreateClient();
        var response = await client.GetAsync("/api/v1/inspections?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Export_csv_has_header_and_one_row_per_inspection_with_quoting()
    {
        using var factory = new WebFactory(withInspector: true, ("NoteGuard:RateLimit:PermitLimit", "0"));
        using var client = factory.CreateClient();
        var first = await Json(await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(), TestImages.GrayType)));
        await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(8, 10), TestImages.GrayType));
        var response = await client.GetAsync("/api/v1/inspections/export.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        string[] lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,received_at,image_sha256,image_bytes,models,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(first.GetProperty("id").GetString()!, lines[1], StringComparison.Ordinal);
        Assert.Contains("\"test-denomination@1.0.0,test-authenticity@1.0.0\"", lines[1], StringComparison.Ordinal);
        Assert.Contains(",genuine,", lines[1], StringComparison.Ordinal);

        var onlyCounterfeit = await client.GetStringAsync("/api/v1/inspections/export.csv?verdict=counterfeit");
        Assert.Equal(2, onlyCounterfeit.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Models_lists_the_inspector_models_with_labels()
    {
        using var client = _fixture.Factory.CreateClient();
        var body = await Json(await client.GetAsync("/api/v1/models"));
        var models = body.GetProperty("models");
        Assert.Equal(2, models.GetArrayLength());
        Assert.Equal("denomination", models[0].GetProperty("task").GetString());
        Assert.Equal(6, models[0].GetProperty("labels").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("wavelet").ValueKind);
    }

    [Fact]
    public async Task Health_is_alive_and_ready_with_models_and_store()
    {
        using var client = _fixture.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await Json(ready);
        Assert.True(body.GetProperty("store_reachable").GetBoolean());
        Assert.Equal("sqlite", body.GetProperty("store").GetString());
    }

    [Fact]
    public async Task OpenApi_document_describes_every_endpoint()
    {
        using var client = _fixture.Factory.CreateClient();
        var body = await Json(await client.GetAsync("/openapi/v1.json"));
        var paths = body.GetProperty("paths");
        foreach (string path in new[] { "/api/v1/inspections", "/api/v1/inspections/{id}", "/api/v1/inspections/export.csv", "/api/v1/models", "/api/v1/features/wavelet", "/health", "/health/ready" })
        {
            Assert.True(paths.TryGetProperty(path, out _), "missing " + path);
        }
    }

    [Fact]
    public async Task Page_and_its_scripts_are_served_without_a_cdn()
    {
        using var client = _fixture.Factory.CreateClient();
        string html = await client.GetStringAsync("/");
        Assert.Contains("aria-live", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        foreach (string asset in new[] { "/app.js", "/stability.js", "/styles.css" })
        {
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_route_is_404_problem()
    {
        using var client = _fixture.Factory.CreateClient();
        var response = await client.GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
