using AiPlatform.Sdk.Identity.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Identity.Tests.Tokens;

[Trait("Kind", "Contract")]
public sealed class TokenExchangeClientTests
{
    [Fact]
    public async Task Exchange_sends_an_rfc_8693_request_with_the_client_credentials()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        await using var services = IdentityTestHost.Build(IdentityTestHost.ClientCredentials(idp.Authority, method: "Post"));
        var exchange = services.GetRequiredService<ITokenExchangeClient>();

        var token = await exchange.ExchangeAsync(new TokenExchangeRequest { SubjectToken = "user-token", Audience = "downstream-api", Scopes = ["read"] });

        var request = Assert.Single(idp.Server.Requests, r => r.Method == "POST");
        Assert.Equal("token-1", token.Value);
        Assert.Equal(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=user-token" +
            "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token" +
            "&requested_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token&audience=downstream-api&scope=read" +
            "&client_id=orders-app&client_secret=s3cr3t-value-xyz",
            request.Body);
    }

    [Fact]
    public void Request_description_hides_the_subject_token()
    {
        var request = new TokenExchangeRequest { SubjectToken = "user-token-abc", Audience = "downstream-api" };

        Assert.DoesNotContain("user-token-abc", request.ToString(), StringComparison.Ordinal);
    }
}
