using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NoteGuard.Imaging;
using static NoteGuard.Web.Tests.InspectionsApiTests;

namespace NoteGuard.Web.Tests;

public sealed class ErrorPathTests
{
    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await Json(response);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }

    [Fact]
    public async Task Unreadable_image_is_400_with_the_decoder_message_the_cli_prints()
    {
        using var factory = new WebFactory();
        using var client = factory.CreateClient();
        byte[] corrupt = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A];
        string expected;
        try
        {
            ImageCodec.Decode(corrupt).Dispose();
            throw new InvalidOperationException("the corrupt JPEG decoded");
        }
        catch (InvalidImageException ex)
        {
            expected = ex.Message.ReplaceLineEndings(" ").Trim();
        }

        var body = await AssertProblem(await client.PostAsync("/api/v1/inspections", Raw(corrupt, "image/jpeg")), HttpStatusCode.BadRequest);
        Assert.Equal(expected, body.GetProperty("detail").GetString());

        var empty = await AssertProblem(await client.PostAsync("/api/v1/inspections", Raw([], "image/png")), HttpStatusCode.BadRequest);
        Assert.Equal("Unreadable image", empty.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Unreadable_images_are_not_recorded()
    {
        using var factory = new WebFactory();
        using var client = factory.CreateClient();
        await client.PostAsync("/api/v1/inspections", Raw([1, 2, 3], "application/octet-stream"));
        var list = await Json(await client.GetAsync("/api/v1/inspections"));
        Assert.Equal(0, list.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Unknown_model_is_400()
    {
        using var factory = new WebFactory();
        using var client = factory.CreateClient();
        var body = await AssertProblem(await client.PostAsync("/api/v1/inspections?models=resnet-nonexistent", Raw(TestImages.Gray(), TestImages.GrayType)), HttpStatusCode.BadRequest);
        Assert.Contains("resnet-nonexistent", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multipart_without_image_field_is_400()
    {
        using var factory = new WebFactory();
        using var client = factory.CreateClient();
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "note" } };
        var body = await AssertProblem(await client.PostAsync("/api/v1/inspections", form), HttpStatusCode.BadRequest);
        Assert.Contains("'image'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("image/gif")]
    [InlineData("application/json")]
    public async Task Unsupported_content_type_is_415(string type)
    {
        using var factory = new WebFactory();
        using var client = factory.CreateClient();
        var body = await AssertProblem(await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(), type)), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains(type, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_content_type_and_unsupported_multipart_part_type_are_415()
    {
        using var factory = new WebFactory();
        using var client = factory.CreateClient();
        await AssertProblem(await client.PostAsync("/api/v1/inspections", new ByteArrayContent(TestImages.Gray())), HttpStatusCode.UnsupportedMediaType);
        using var form = new MultipartFormDataContent { { Raw(Encoding.UTF8.GetBytes("GIF89a"), "image/gif"), "image", "x.gif" } };
        await AssertProblem(await client.PostAsync("/api/v1/inspections", form), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Upload_over_the_limit_is_413_with_and_without_content_length()
    {
        using var factory = new WebFactory(true, ("NoteGuard:MaxUploadBytes", "1000"));
        using var client = factory.CreateClient();
        byte[] big = new byte[1001];
        var body = await AssertProblem(await client.PostAsync("/api/v1/inspections", Raw(big, "image/png")), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1000 bytes", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Chunked: no Content-Length, so the limit is enforced while reading.
        var chunked = new StreamContent(new NoLengthStream(big));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await AssertProblem(await client.PostAsync("/api/v1/inspections", chunked), HttpStatusCode.RequestEntityTooLarge);

        using var form = new MultipartFormDataContent { { Raw(new byte[70_000], "image/png"), "image", "big.png" } };
        await AssertProblem(await client.PostAsync("/api/v1/inspections", form), HttpStatusCode.RequestEntityTooLarge);

        // Exactly at the limit is read (and then fails as an image, not as a size).
        await AssertProblem(await client.PostAsync("/api/v1/inspections", Raw(new byte[1000], "image/png")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Rate_limit_answers_429_problem_with_retry_after()
    {
        using var factory = new WebFactory(true, ("NoteGuard:RateLimit:PermitLimit", "2"), ("NoteGuard:RateLimit:WindowSeconds", "3600"));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(), TestImages.GrayType))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(), TestImages.GrayType))).StatusCode);
        var third = await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(), TestImages.GrayType));
        await AssertProblem(third, HttpStatusCode.TooManyRequests);
        Assert.True(third.Headers.RetryAfter is not null);

        // Reads are not rate limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/inspections")).StatusCode);
    }

    [Fact]
    public async Task Api_key_is_required_when_configured_and_accepted_in_either_header()
    {
        using var factory = new WebFactory(true, ("NoteGuard:ApiKeys:0", "s3cret"), ("NoteGuard:ApiKeys:1", "other"));
        using var client = factory.CreateClient();
        var body = await AssertProblem(await client.GetAsync("/api/v1/models"), HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(body.GetProperty("title").GetString()!);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inspections") { Content = Raw(TestImages.Gray(), TestImages.GrayType) };
        wrong.Headers.Add("X-Api-Key", "s3cre");
        await AssertProblem(await client.SendAsync(wrong), HttpStatusCode.Unauthorized);

        using var right = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inspections") { Content = Raw(TestImages.Gray(), TestImages.GrayType) };
        right.Headers.Add("X-Api-Key", "s3cret");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(right)).StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/v1/inspections");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "other");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(bearer)).StatusCode);

        // The page and health stay open so a browser and a load balancer can reach them.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Without_an_inspector_inspections_are_503_no_models_and_not_ready()
    {
        using var factory = new WebFactory(withInspector: false);
        using var client = factory.CreateClient();
        var body = await AssertProblem(await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(), TestImages.GrayType)), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("no models loaded", body.GetProperty("title").GetString());

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.False((await Json(ready)).GetProperty("models_loaded").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(0, (await Json(await client.GetAsync("/api/v1/models"))).GetProperty("models").GetArrayLength());
    }

    [Fact]
    public async Task Unreachable_store_makes_readiness_503()
    {
        string blocker = Path.Combine(Path.GetTempPath(), "noteguard-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        File.WriteAllText(blocker, "a file where the audit folder should be");
        try
        {
            using var factory = new WebFactory(true, ("NoteGuard:Audit:SqlitePath", Path.Combine(blocker, "audit.db")));
            using var client = factory.CreateClient();
            var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.False((await Json(ready)).GetProperty("store_reachable").GetBoolean());

            // An inspection that cannot be recorded is not acknowledged.
            var post = await client.PostAsync("/api/v1/inspections", Raw(TestImages.Gray(), TestImages.GrayType));
            await AssertProblem(post, HttpStatusCode.InternalServerError);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task Wavelet_without_a_model_is_503_and_bad_features_are_400()
    {
        using var factory = new WebFactory();
        using var client = factory.CreateClient();
        var ok = new StringContent("""{"variance": 3.6, "skewness": 8.6, "curtosis": -2.8, "entropy": -0.44}""", Encoding.UTF8, "application/json");
        var body = await AssertProblem(await client.PostAsync("/api/v1/features/wavelet", ok), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("model not configured", body.GetProperty("title").GetString());

        var missing = new StringContent("""{"variance": 3.6, "skewness": 8.6}""", Encoding.UTF8, "application/json");
        await AssertProblem(await client.PostAsync("/api/v1/features/wavelet", missing), HttpStatusCode.BadRequest);
        var malformed = new StringContent("""{"variance": 3.6,""", Encoding.UTF8, "application/json");
        await AssertProblem(await client.PostAsync("/api/v1/features/wavelet", malformed), HttpStatusCode.BadRequest);
        var text = new StringContent("""{"variance": "big", "skewness": 1, "curtosis": 1, "entropy": 1}""", Encoding.UTF8, "application/json");
        await AssertProblem(await client.PostAsync("/api/v1/features/wavelet", text), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("http://*:5000")]
    [InlineData("http://127.0.0.1:5000;http://192.168.1.10:5000")]
    public void Binding_a_remote_address_without_a_key_is_refused_with_a_clear_message(string urls)
    {
        using var factory = new WebFactory(true, ("urls", urls));
        var ex = Assert.Throws<NoteGuard.Web.Security.BindingRefusedException>(() => factory.CreateClient());
        Assert.Contains("without an API key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_a_remote_address_is_allowed_with_a_key_or_explicit_permission()
    {
        using (var withKey = new WebFactory(true, ("urls", "http://0.0.0.0:5000"), ("NoteGuard:ApiKeys:0", "k")))
        {
            withKey.CreateClient().Dispose();
        }

        using var allowed = new WebFactory(true, ("urls", "http://0.0.0.0:5000"), ("NoteGuard:AllowRemoteWithoutApiKey", "true"));
        allowed.CreateClient().Dispose();
    }

    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
