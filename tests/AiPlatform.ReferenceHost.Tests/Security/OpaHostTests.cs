using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Identity.Permissions;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.ReferenceHost.Tests.Security;

/// <summary>
/// A host whose requests Open Policy Agent must allow. The OPA stand-in answers its Data API with documented payloads: an allow
/// for the caller's own listing, an undefined decision (<c>{}</c>) for checks, and a server error for writes.
/// </summary>
public sealed class OpaHostFixture : IAsyncLifetime
{
    public const string ClientId = "opa-writer";
    public const string ClientSecret = "opa-writer-secret-Hk27";

    public KestrelTestServer Opa { get; private set; } = null!;

    public ReferenceHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Opa = await KestrelTestServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Text("{}", "application/json"));
            app.MapPost("/v1/data/aiplatform/authz/allow", async (HttpContext http) =>
        {
            var body = await http.Request.ReadFromJsonAsync<JsonObject>();
            var path = body?["input"]?["path"]?.GetValue<string>();
            return path switch
            {
                "/v1/permissions/mine" => Results.Text("""{"result":true}""", "application/json"),
                "/v1/permissions/check" => Results.Text("{}", "application/json"),
                _ => Results.Text("""{"code":"internal_error","message":"policy failed"}""", "application/json", statusCode: 500),
            };
        });
        });
        Host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:Clients:0:ClientId"] = ClientId,
            ["AiPlatform:Server:Authentication:Clients:0:ClientSecret"] = ClientSecret,
            ["AiPlatform:Server:Authentication:Clients:0:Roles:0"] = "aiplatform-writer",
            ["AiPlatform:Identity:Opa:Endpoint"] = Opa.BaseAddress.AbsoluteUri,
            ["AiPlatform:Identity:Opa:DecisionCacheDuration"] = "00:00:00",
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Opa.DisposeAsync();
    }
}

public sealed class OpaHostTests(OpaHostFixture fixture) : IClassFixture<OpaHostFixture>
{
    [Fact]
    public async Task An_opa_allow_lets_the_request_through_with_the_caller_as_input()
    {
        await using var sdk = Sdk();

        using var response = await sdk.Host.GetAsync("v1/permissions/mine");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var input = fixture.Opa.Requests.Where(r => r.Method == "POST").Select(r => JsonNode.Parse(r.Body)!["input"]!).Last(i => i["path"]!.GetValue<string>() == "/v1/permissions/mine");
        Assert.Equal("GET", input["method"]!.GetValue<string>());
        Assert.Equal(OpaHostFixture.ClientId, input["client"]!.GetValue<string>());
        Assert.Equal("aiplatform-writer", input["roles"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_undefined_opa_decision_is_403()
    {
        await using var sdk = Sdk();

        using var response = await sdk.Host.GetAsync("v1/permissions/check?permission=read&objectId=dataset:1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_opa_failure_denies_by_default()
    {
        await using var sdk = Sdk();

        using var response = await sdk.Host.PutAsJsonAsync("v1/permissions", new ObjectPermission("user:x", "read", "dataset:1"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private SdkClients Sdk() => new(fixture.Host.BaseAddress, OpaHostFixture.ClientId, OpaHostFixture.ClientSecret, fixture.Host.BaseAddress);
}
