using System.Collections.Concurrent;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Identity.Tests.Tokens;

/// <summary>
/// A Keycloak-shaped token endpoint on Kestrel answering RFC 6749 payloads: discovery, client-credentials and token-exchange
/// grants (each issues a new numbered token), and a protected API that accepts only the tokens listed in <see cref="Accepted"/>
/// (or every token when it is empty).
/// </summary>
internal sealed class FakeOpenIdProvider : IAsyncDisposable
{
    public const string Realm = "realms/test";
    private int _issued;

    private FakeOpenIdProvider(KestrelTestServer server) => Server = server;

    public KestrelTestServer Server { get; }

    public Uri Authority => new(Server.BaseAddress, Realm);

    public int TokenRequests => Server.Requests.Count(r => r.PathAndQuery.EndsWith("/token", StringComparison.Ordinal));

    public ConcurrentDictionary<string, bool> Accepted { get; } = new();

    /// <summary>Statuses the token endpoint answers before it issues tokens again.</summary>
    public ConcurrentQueue<int> TokenFailures { get; } = new();

    public TimeSpan TokenDelay { get; set; }

    public int ExpiresIn { get; set; } = 300;

    public static async Task<FakeOpenIdProvider> StartAsync()
    {
        FakeOpenIdProvider? provider = null;
        var server = await KestrelTestServer.StartAsync(app =>
        {
            app.MapGet($"/{Realm}/.well-known/openid-configuration", (HttpContext http) => Results.Text(
                $$"""{"issuer":"{{provider!.Authority}}","token_endpoint":"{{provider.Authority}}/protocol/openid-connect/token","grant_types_supported":["client_credentials"]}""",
                "application/json"));
            app.MapPost($"/{Realm}/protocol/openid-connect/token", async (HttpContext http) =>
            {
                await Task.Delay(provider!.TokenDelay);
                if (provider.TokenFailures.TryDequeue(out var status))
                {
                    return status == 401
                        ? Results.Json(new Dictionary<string, string> { ["error"] = "invalid_client", ["error_description"] = "Invalid client or Invalid client credentials" }, statusCode: 401)
                        : Results.StatusCode(status);
                }

                var number = Interlocked.Increment(ref provider._issued);
                return Results.Text(
                    $$"""{"access_token":"token-{{number}}","token_type":"Bearer","expires_in":{{provider.ExpiresIn}},"scope":"api.read"}""",
                    "application/json");
            });
            app.MapGet("/api/ping", (HttpContext http) =>
            {
                var token = http.Request.Headers.Authorization.ToString().Replace("Bearer ", string.Empty, StringComparison.Ordinal);
                return provider!.Accepted.IsEmpty || provider.Accepted.ContainsKey(token) ? Results.Ok() : Results.Unauthorized();
            });
        });
        provider = new FakeOpenIdProvider(server);
        return provider;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
