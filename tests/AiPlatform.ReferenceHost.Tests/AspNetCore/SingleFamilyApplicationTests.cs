using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPlatform.ReferenceHost.Tests.AspNetCore;

/// <summary>
/// A business application that serves one family of the platform's APIs with one registration and one mapping call, in process
/// on a real Kestrel port: what it did not add is not served, and its OpenAPI document describes only what it mapped.
/// </summary>
public sealed class SingleFamilyApplicationTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var data = Directory.CreateTempSubdirectory("aip-single-family-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["AiPlatform:DataPath"] = data;
        builder.Configuration["AiPlatform:Server:Authentication:AllowAnonymous"] = "true";
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddObjectAndEventEndpoints();
        builder.AddObjectAndEventEndpoints();
        _app = builder.Build();
        _app.UsePlatformSecurity();
        _app.MapPlatformServer();
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single().TrimEnd('/') + "/") };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_added_family_is_served()
    {
        using var put = await _client.PutAsync("v1/objects/reports/q1.txt", new StringContent("quarter one"));
        Assert.True(put.IsSuccessStatusCode, $"PUT answered {(int)put.StatusCode}");

        Assert.Equal("quarter one", await _client.GetStringAsync("v1/objects/reports/q1.txt"));
    }

    [Theory]
    [InlineData("POST", "v1/embeddings")]
    [InlineData("GET", "v2/health/live")]
    [InlineData("GET", "v1/collections")]
    public async Task Families_not_added_are_not_served(string method, string path)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_document_describes_only_what_was_mapped()
    {
        var paths = JsonNode.Parse(await _client.GetStringAsync("openapi/v1.json"))!["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Contains("/v1/objects/{bucket}/{key}", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/v2/", StringComparison.Ordinal) || p.StartsWith("/v1/collections", StringComparison.Ordinal));
    }
}
