using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Identity.Permissions;
using Microsoft.Extensions.Logging.Testing;

namespace AiPlatform.ReferenceHost.Tests.Security;

/// <summary>The host's JWT protection, checked against the running host with tokens from its embedded issuer and forged ones.</summary>
public sealed class EmbeddedIssuerHostTests(EmbeddedIssuerHostFixture fixture) : IClassFixture<EmbeddedIssuerHostFixture>
{
    private const string Audience = "aiplatform";
    private const string ReadPath = "v1/permissions/mine";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_well_formed_token_signed_by_the_issuer_is_accepted()
    {
        var token = fixture.Forge(TestTokens.Claims(fixture.Issuer, Audience, Now));

        Assert.Equal(HttpStatusCode.OK, await ReadAsync(token));
    }

    [Fact]
    public async Task No_token_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(null));
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var claims = TestTokens.Claims(fixture.Issuer, Audience, Now - TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(fixture.Forge(claims)));
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_401()
    {
        var claims = TestTokens.Claims(fixture.Issuer, Audience, Now + TimeSpan.FromMinutes(10));

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(fixture.Forge(claims)));
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_401()
    {
        var claims = TestTokens.Claims("http://127.0.0.1:1/realms/elsewhere", Audience, Now);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(fixture.Forge(claims)));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401()
    {
        var claims = TestTokens.Claims(fixture.Issuer, "some-other-api", Now);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(fixture.Forge(claims)));
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_401()
    {
        var token = TestTokens.Unsigned(TestTokens.Claims(fixture.Issuer, Audience, Now, null, "aiplatform-writer"));

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(token));
    }

    [Fact]
    public async Task A_tampered_signature_is_401()
    {
        var token = TestTokens.Tamper(fixture.Forge(TestTokens.Claims(fixture.Issuer, Audience, Now)), "sub", "someone-else");

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(token));
    }

    [Fact]
    public async Task A_token_signed_with_an_unknown_key_is_401()
    {
        using var stranger = RSA.Create(2048);
        var token = TestTokens.Sign(stranger, "unknown-kid", TestTokens.Claims(fixture.Issuer, Audience, Now));

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(token));
    }

    [Fact]
    public async Task A_valid_token_without_the_writer_role_is_403_on_writes()
    {
        await using var reader = Sdk(EmbeddedIssuerHostFixture.ReaderId, EmbeddedIssuerHostFixture.ReaderSecret);

        using var read = await reader.Host.GetAsync(ReadPath);
        using var write = await reader.Host.PutAsJsonAsync("v1/permissions", new ObjectPermission("user:x", "read", "dataset:1"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Writes_to_unannotated_routes_need_the_writer_role_too()
    {
        var reader = fixture.Forge(TestTokens.Claims(fixture.Issuer, Audience, Now));
        var writer = fixture.Forge(TestTokens.Claims(fixture.Issuer, Audience, Now, null, "aiplatform-writer"));

        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(HttpMethod.Post, "v1/nowhere", reader));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(HttpMethod.Post, "v1/nowhere", writer));
    }

    [Fact]
    public async Task A_missing_object_permission_is_403_until_it_is_granted()
    {
        await using var writer = Sdk(EmbeddedIssuerHostFixture.AdminId, EmbeddedIssuerHostFixture.AdminSecret);
        await using var reader = Sdk(EmbeddedIssuerHostFixture.ReaderId, EmbeddedIssuerHostFixture.ReaderSecret);
        var target = $"dataset:{Guid.NewGuid():N}";

        using var before = await reader.Host.GetAsync($"v1/permissions/objects/{target}");
        using var grant = await writer.Host.PutAsJsonAsync("v1/permissions", new ObjectPermission($"client:{EmbeddedIssuerHostFixture.ReaderId}", "admin", target));
        using var after = await reader.Host.GetAsync($"v1/permissions/objects/{target}");
        var listed = await after.Content.ReadFromJsonAsync<ObjectPermission[]>() ?? [];

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, grant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal([new ObjectPermission($"client:{EmbeddedIssuerHostFixture.ReaderId}", "admin", target)], listed);
    }

    [Fact]
    public async Task A_platform_administrator_revokes_a_grant_and_the_check_then_fails()
    {
        await using var writer = Sdk(EmbeddedIssuerHostFixture.AdminId, EmbeddedIssuerHostFixture.AdminSecret);
        var target = $"collection:{Guid.NewGuid():N}";
        var query = $"subject=client:{EmbeddedIssuerHostFixture.AdminId}&permission=read&objectId={target}";
        using var grant = await writer.Host.PutAsJsonAsync("v1/permissions", new ObjectPermission($"client:{EmbeddedIssuerHostFixture.AdminId}", "read", target));
        var granted = await writer.Host.GetStringAsync($"v1/permissions/check?permission=read&objectId={target}");

        using var revoke = await writer.Host.DeleteAsync($"v1/permissions?{query}");
        using var again = await writer.Host.DeleteAsync($"v1/permissions?{query}");
        var revoked = await writer.Host.GetStringAsync($"v1/permissions/check?permission=read&objectId={target}");

        Assert.Contains("\"allowed\":true", granted, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("\"allowed\":false", revoked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_metrics_need_no_token()
    {
        using var live = await fixture.Host.Client.GetAsync("health/live");
        using var metrics = await fixture.Host.Client.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task The_sdk_token_provider_works_against_the_embedded_issuer_unchanged()
    {
        await using var writer = Sdk(EmbeddedIssuerHostFixture.WriterId, EmbeddedIssuerHostFixture.WriterSecret);

        var token = await writer.Tokens.GetTokenAsync();
        using var check = await writer.Host.GetAsync("v1/permissions/check?permission=read&objectId=dataset:1");

        var claims = TestTokens.Payload(token.Value);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(fixture.Issuer, claims["iss"]!.GetValue<string>());
        Assert.Equal(Audience, claims["aud"]!.GetValue<string>());
        Assert.Equal("aiplatform-writer", claims["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_client_secret_or_token_appears_in_any_log_line()
    {
        var logs = new FakeLogCollector();
        await using var writer = Sdk(EmbeddedIssuerHostFixture.WriterId, EmbeddedIssuerHostFixture.WriterSecret, logs);
        await using var wrong = Sdk(EmbeddedIssuerHostFixture.ReaderId, "wrong-secret-Zt93kW", logs);
        var token = await writer.Tokens.GetTokenAsync();
        using (await writer.Host.GetAsync(ReadPath))
        using (await wrong.Host.GetAsync(ReadPath).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default))
        {
            // Traffic with a good and a rejected client, logged by the SDK (trace level) and by the host.
        }

        var lines = fixture.Host.Output.Concat(logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception}")).ToList();

        Assert.NotEmpty(logs.GetSnapshot());
        Assert.NotEmpty(fixture.Host.Output);
        foreach (var secret in new[] { EmbeddedIssuerHostFixture.WriterSecret, EmbeddedIssuerHostFixture.ReaderSecret, "wrong-secret-Zt93kW", token.Value })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    private SdkClients Sdk(string clientId, string secret, FakeLogCollector? logs = null) =>
        new(fixture.Host.BaseAddress, clientId, secret, fixture.Host.BaseAddress, logs);

    private Task<HttpStatusCode> ReadAsync(string? token) => SendAsync(HttpMethod.Get, ReadPath, token);

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await fixture.Host.Client.SendAsync(request);
        return response.StatusCode;
    }
}
