using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.ReferenceHost.Tests.Security;

/// <summary>
/// The host follows a provider's key rotation without a restart: a provider stand-in publishes discovery and a JWKS whose keys the
/// test swaps; a token naming the new key makes the host download the set again.
/// </summary>
public sealed class KeyRotationTests
{
    private const string Realm = "realms/rotation";
    private const string Audience = "rotation-api";

    [Fact]
    public async Task After_rotation_the_new_key_is_accepted_and_the_retired_one_refused()
    {
        using var oldKey = RSA.Create(2048);
        using var newKey = RSA.Create(2048);
        var published = Jwks(oldKey, "key-1");
        await using var provider = await KestrelTestServer.StartAsync(app =>
        {
            app.MapGet($"/{Realm}/.well-known/openid-configuration", (HttpContext http) => Results.Text(
                $$"""{"issuer":"{{Issuer(http)}}","jwks_uri":"{{Issuer(http)}}/protocol/openid-connect/certs","id_token_signing_alg_values_supported":["RS256"]}""",
                "application/json"));
            app.MapGet($"/{Realm}/protocol/openid-connect/certs", () => Results.Text(Volatile.Read(ref published), "application/json"));
        });
        var issuer = new Uri(provider.BaseAddress, Realm).AbsoluteUri;
        await using var host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:Authority"] = issuer,
            ["AiPlatform:Server:Authentication:Audience"] = Audience,
            ["AiPlatform:Server:Authentication:JwksRefreshInterval"] = "00:00:01",
        });
        var claims = TestTokens.Claims(issuer, Audience, DateTimeOffset.UtcNow, null);
        var beforeRotation = await ReadAsync(host, TestTokens.Sign(oldKey, "key-1", claims));

        Volatile.Write(ref published, Jwks(newKey, "key-2"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var afterRotation = await EventuallyAsync(() => ReadAsync(host, TestTokens.Sign(newKey, "key-2", claims)), HttpStatusCode.OK);
        var retired = await ReadAsync(host, TestTokens.Sign(oldKey, "key-1", claims));

        Assert.Equal(HttpStatusCode.OK, beforeRotation);
        Assert.Equal(HttpStatusCode.OK, afterRotation);
        Assert.Equal(HttpStatusCode.Unauthorized, retired);
    }

    private static string Issuer(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}/{Realm}";

    private static string Jwks(RSA key, string kid)
    {
        var parameters = key.ExportParameters(false);
        return $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{kid}}","n":"{{Base64Url(parameters.Modulus!)}}","e":"{{Base64Url(parameters.Exponent!)}}"}]}""";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // The first token with an unknown key asks the host to download the key set again; the download may finish after that request.
    private static async Task<HttpStatusCode> EventuallyAsync(Func<Task<HttpStatusCode>> send, HttpStatusCode wanted)
    {
        var status = await send();
        for (var attempt = 0; attempt < 40 && status != wanted; attempt++)
        {
            await Task.Delay(250);
            status = await send();
        }

        return status;
    }

    private static async Task<HttpStatusCode> ReadAsync(ReferenceHostProcess host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/permissions/mine");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Client.SendAsync(request);
        return response.StatusCode;
    }
}
