using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Security;

/// <summary>A host that trusts the Keycloak-shaped OpenID provider of <c>eng/services.sh</c> (live), with its role claims.</summary>
public sealed class ExternalProviderHostFixture : IAsyncLifetime
{
    public const string ReaderId = "sdk-reader";
    public const string ReaderSecret = "sdk-reader-secret";

    public ReferenceHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
    {
        ["AiPlatform:Server:Authentication:Authority"] = ServiceEndpoints.OidcIssuer,
        ["AiPlatform:Server:Authentication:Audience"] = ServiceEndpoints.OidcAudience,
    });

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}

public sealed class ExternalProviderHostTests(ExternalProviderHostFixture fixture) : IClassFixture<ExternalProviderHostFixture>
{
    private Uri Authority => new(ServiceEndpoints.OidcIssuer);

    [Fact]
    public async Task A_realm_role_writer_from_the_provider_may_read_and_write()
    {
        await using var writer = new SdkClients(Authority, ServiceEndpoints.OidcClientId, ServiceEndpoints.OidcClientSecret, fixture.Host.BaseAddress);

        using var read = await writer.Host.GetAsync("v1/permissions/mine");
        using var write = await writer.Host.PutAsync("v1/objects/ext-bucket/a.txt", new StringContent("written by a realm-role writer"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
    }

    [Fact]
    public async Task A_client_with_only_a_resource_role_may_read_but_gets_403_on_writes()
    {
        await using var reader = new SdkClients(Authority, ExternalProviderHostFixture.ReaderId, ExternalProviderHostFixture.ReaderSecret, fixture.Host.BaseAddress);

        using var read = await reader.Host.GetAsync("v1/permissions/check?permission=read&objectId=dataset:1");
        using var write = await reader.Host.PutAsync("v1/objects/ext-bucket/b.txt", new StringContent("a reader may not write"));
        var check = await read.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("group:aiplatform-reader", check, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task A_provider_token_with_a_tampered_claim_is_401()
    {
        var token = await ProviderTokenAsync();

        Assert.Equal(HttpStatusCode.OK, await ReadAsync(token));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(TestTokens.Tamper(token, "client_id", "intruder")));
    }

    [Fact]
    public async Task A_provider_token_stripped_to_alg_none_is_401()
    {
        var token = await ProviderTokenAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(TestTokens.Unsigned(TestTokens.Payload(token))));
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_provider_does_not_publish_is_401()
    {
        var token = await ProviderTokenAsync();
        using var stranger = RSA.Create(2048);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(TestTokens.Sign(stranger, "rotated-away", TestTokens.Payload(token))));
    }

    private async Task<string> ProviderTokenAsync()
    {
        await using var writer = new SdkClients(Authority, ServiceEndpoints.OidcClientId, ServiceEndpoints.OidcClientSecret, fixture.Host.BaseAddress);
        return (await writer.Tokens.GetTokenAsync()).Value;
    }

    private async Task<HttpStatusCode> ReadAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/permissions/mine");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await fixture.Host.Client.SendAsync(request);
        return response.StatusCode;
    }
}
