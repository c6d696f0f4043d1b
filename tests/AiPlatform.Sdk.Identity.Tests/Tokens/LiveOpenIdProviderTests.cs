using System.Text;
using System.Text.Json;
using AiPlatform.Sdk.Authentication;
using AiPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Identity.Tests.Tokens;

/// <summary>Live against the Keycloak-shaped OpenID provider that <c>eng/services.sh</c> starts.</summary>
public sealed class LiveOpenIdProviderTests
{
    [Theory]
    [InlineData("Basic")]
    [InlineData("Post")]
    public async Task Provider_issues_a_token_for_the_audience_through_discovery(string method)
    {
        var settings = IdentityTestHost.ClientCredentials(new Uri(ServiceEndpoints.OidcIssuer), ServiceEndpoints.OidcClientSecret, method);
        settings["AiPlatform:Identity:ClientId"] = ServiceEndpoints.OidcClientId;
        await using var services = IdentityTestHost.Build(settings);

        var token = await services.GetRequiredService<IAccessTokenProvider>().GetTokenAsync();

        using var payload = JsonDocument.Parse(Base64UrlDecode(token.Value.Split('.')[1]));
        Assert.Equal(ServiceEndpoints.OidcIssuer, payload.RootElement.GetProperty("iss").GetString());
        Assert.Equal(ServiceEndpoints.OidcAudience, payload.RootElement.GetProperty("aud").GetString());
        Assert.Equal(ServiceEndpoints.OidcClientId, payload.RootElement.GetProperty("client_id").GetString());
        Assert.True(token.ExpiresOn > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_wrong_secret_is_reported_as_unauthorized()
    {
        var settings = IdentityTestHost.ClientCredentials(new Uri(ServiceEndpoints.OidcIssuer), "not-the-secret");
        settings["AiPlatform:Identity:ClientId"] = ServiceEndpoints.OidcClientId;
        await using var services = IdentityTestHost.Build(settings);

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(
            async () => await services.GetRequiredService<IAccessTokenProvider>().GetTokenAsync());

        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.DoesNotContain("not-the-secret", error.ToString(), StringComparison.Ordinal);
    }

    private static string Base64UrlDecode(string part) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=')));
}
