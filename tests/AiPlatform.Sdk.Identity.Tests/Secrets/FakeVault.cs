using System.Collections.Concurrent;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Identity.Tests.Secrets;

/// <summary>
/// A Vault stand-in on Kestrel answering with the payloads of Vault's HTTP API documentation: AppRole login and
/// <c>renew-self</c> (<c>{"auth": {...}}</c>), KV v2 read, write, LIST and delete, and <c>{"errors": [...]}</c> failures.
/// </summary>
internal sealed class FakeVault : IAsyncDisposable
{
    public const string RoleId = "db02de05-fa39-4855-059b-67221c5c2f63";
    public const string SecretId = "6a174c20-f6de-a53c-74d2-6018fcceff64";
    private int _logins;

    private FakeVault(KestrelTestServer server) => Server = server;

    public KestrelTestServer Server { get; }

    public int Logins => _logins;

    public int LeaseSeconds { get; set; } = 1200;

    public ConcurrentDictionary<string, bool> RevokedTokens { get; } = new();

    public bool RenewalFails { get; set; }

    public ConcurrentDictionary<string, string> Secret { get; } = new(StringComparer.Ordinal) { ["username"] = "app", ["password"] = "pw-v2" };

    public static async Task<FakeVault> StartAsync()
    {
        FakeVault? vault = null;
        var server = await KestrelTestServer.StartAsync(app =>
        {
            app.MapPost("/v1/auth/approle/login", () =>
            {
                var number = Interlocked.Increment(ref vault!._logins);
                return Json(vault.Auth($"hvs.login-{number}"));
            });
            app.MapPost("/v1/auth/kubernetes/login", () =>
            {
                var number = Interlocked.Increment(ref vault!._logins);
                return Json(vault.Auth($"hvs.k8s-{number}"));
            });
            app.MapPost("/v1/auth/token/renew-self", (HttpContext http) =>
                vault!.RenewalFails || vault.Revoked(http)
                    ? Json("""{"errors":["permission denied"]}""", 403)
                    : Json(vault.Auth(http.Request.Headers["X-Vault-Token"].ToString())));
            app.MapGet("/v1/secret/data/{**path}", (HttpContext http, string path) =>
            {
                if (vault!.Revoked(http))
                {
                    return Json("""{"errors":["permission denied"]}""", 403);
                }

                if (path != "aiplatform/orders")
                {
                    return Json("""{"errors":[]}""", 404);
                }

                var version = http.Request.Query["version"].ToString() is { Length: > 0 } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : 2;
                var data = version == 1 ? """{"username":"app","password":"pw-v1"}""" : System.Text.Json.JsonSerializer.Serialize(vault.Secret.ToDictionary());
                return Json($$"""
                    {"request_id":"9b5a3b1e-2d7c-4d3c-a5a0-3f6a1d2c0e11","lease_id":"","renewable":false,"lease_duration":0,
                     "data":{"data":{{data}},"metadata":{"created_time":"2018-03-22T02:24:06.945319214Z","custom_metadata":null,
                     "deletion_time":"","destroyed":false,"version":{{version}} } },"wrap_info":null,"warnings":null,"auth":null}
                    """);
            });
            app.MapPost("/v1/secret/data/{**path}", async (HttpContext http) =>
            {
                var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
                return body.Contains("\"cas\":0", StringComparison.Ordinal)
                    ? Json("""{"errors":["check-and-set parameter did not match the current version"]}""", 400)
                    : Json("""{"data":{"created_time":"2018-03-22T02:36:43.986212308Z","custom_metadata":null,"deletion_time":"","destroyed":false,"version":3}}""");
            });
            app.MapMethods("/v1/secret/metadata/{**path}", ["LIST"], (string path) => path.TrimEnd('/') == "aiplatform"
                ? Json("""{"data":{"keys":["orders","team/"]}}""")
                : Json("""{"errors":[]}""", 404));
            app.MapDelete("/v1/secret/data/{**path}", () => Results.NoContent());
        });
        vault = new FakeVault(server);
        return vault;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private bool Revoked(HttpContext http) => RevokedTokens.ContainsKey(http.Request.Headers["X-Vault-Token"].ToString());

    private string Auth(string token) => $$"""
        {"request_id":"","lease_id":"","renewable":false,"lease_duration":0,"data":null,"wrap_info":null,"warnings":null,
         "auth":{"client_token":"{{token}}","accessor":"0e9e354a-520f-df04-6867-ee81cae3d42d","policies":["default","aiplatform"],
         "metadata":{"role_name":"aiplatform"},"lease_duration":{{LeaseSeconds}},"renewable":true} }
        """;

    private static IResult Json(string body, int status = 200) => Results.Text(body, "application/json", statusCode: status);
}
