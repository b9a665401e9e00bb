using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NoteGuard.Inspection.Inspections;
using NoteGuard.TestUtilities;
using NoteGuard.TestUtilities.Models;
using NoteGuard.Web.Inspections;
using static NoteGuard.Web.Tests.InspectionsApiTests;

namespace NoteGuard.Web.Tests;

/// <summary>The service with the real <see cref="BanknoteInspector"/> over a temporary models folder, as <c>noteguard serve</c> registers it.</summary>
public sealed class BundledModelsApiTests : IDisposable
{
    private readonly string _models = TestPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_models, recursive: true);

    private static (WebFactory Factory, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App, bool Registered) Host(ModelCatalog catalog)
    {
        var factory = new WebFactory(withInspector: false, ("NoteGuard:RateLimit:PermitLimit", "0"));
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddBanknoteInspector(catalog)));
        return (factory, app, new ServiceCollection().AddBanknoteInspector(catalog));
    }

    [Fact]
    public async Task Post_an_image_answers_201_with_the_models_denomination_verdict_and_id()
    {
        TinyModels.Save(TinyModels.Denomination("vnd-denomination"), _models);
        TinyModels.Save(TinyModels.Authenticity("taka-counterfeit"), _models);
        var (factory, app, _) = Host(ModelCatalog.Load(_models));
        using (factory)
        using (app)
        {
            using var client = app.CreateClient();
            var response = await client.PostAsync("/api/v1/inspections", Raw(TinyModels.PhotoPng(), "image/png"));

            await AssertCreated(response);
            var body = await Json(response);
            Assert.True(Guid.TryParse(body.GetProperty("id").GetString(), out _));
            Assert.Contains(body.GetProperty("denomination").GetProperty("label").GetString(), TinyModels.VndLabels);
            Assert.Equal(3, body.GetProperty("denomination").GetProperty("top_k").GetArrayLength());
            Assert.Contains(body.GetProperty("authenticity").GetProperty("verdict").GetString(), new[] { "genuine", "counterfeit" });
            Assert.Equal(["taka-counterfeit", "vnd-denomination"], body.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
            Assert.True(body.GetProperty("timing_ms").GetProperty("infer").GetDouble() > 0);

            // The recorded inspection reads back with the same denomination.
            var stored = await Json(await client.GetAsync(response.Headers.Location));
            Assert.Equal(body.GetProperty("denomination").GetProperty("label").GetString(), stored.GetProperty("denomination").GetProperty("label").GetString());
        }
    }

    [Fact]
    public async Task Models_lists_the_bundled_models_and_the_service_is_ready()
    {
        TinyModels.Save(TinyModels.Denomination("vnd-denomination"), _models);
        var (factory, app, registered) = Host(ModelCatalog.Load(_models));
        using (factory)
        using (app)
        {
            using var client = app.CreateClient();
            var models = (await Json(await client.GetAsync("/api/v1/models"))).GetProperty("models");

            Assert.True(registered);
            var model = Assert.Single(models.EnumerateArray());
            Assert.Equal("vnd-denomination", model.GetProperty("name").GetString());
            Assert.Equal("1.2.3", model.GetProperty("version").GetString());
            Assert.Equal("denomination", model.GetProperty("task").GetString());
            Assert.Equal(TinyModels.VndLabels, model.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

            var post = await Json(await client.PostAsync("/api/v1/inspections", Raw(TinyModels.PhotoPng(), "image/png")));
            Assert.Equal(JsonValueKind.Null, post.GetProperty("authenticity").ValueKind);
        }
    }

    [Fact]
    public async Task Without_models_the_service_starts_answers_503_and_is_not_ready()
    {
        var (factory, app, registered) = Host(ModelCatalog.Load(_models));
        using (factory)
        using (app)
        {
            using var client = app.CreateClient();
            var response = await client.PostAsync("/api/v1/inspections", Raw(TinyModels.PhotoPng(), "image/png"));

            Assert.False(registered);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
    }
}
