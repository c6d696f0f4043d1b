using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using OpenIddict.Abstractions;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>
/// The host's own OpenID provider for development (OpenIddict, client credentials only): discovery at
/// <c>/.well-known/openid-configuration</c>, keys at <c>/.well-known/jwks</c>, tokens at <c>/connect/token</c> for the clients in
/// <c>AiPlatform:Server:Authentication:Clients</c> (or one generated development client). Tokens are signed JWTs (RS256) carrying
/// <c>role</c> claims, so the SDK's token provider and the host's JWT validation work against it unchanged.
/// </summary>
internal static class EmbeddedIssuer
{
    public const string TokenPath = "connect/token";

    public static void Add(IServiceCollection services, ServerAuthenticationSettings settings, DevelopmentCredentials credentials, Uri issuer, string audience)
    {
        var clients = settings.Clients.Count > 0
            ? settings.Clients.ToDictionary(c => c.ClientId!, StringComparer.Ordinal)
            : new Dictionary<string, EmbeddedClient>(StringComparer.Ordinal)
            {
                [DevelopmentCredentials.DevelopmentClientId] = DevelopmentClient(credentials.GeneratedSecret!, settings.EffectiveWriterRoles),
            };

        services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(issuer)
                .SetTokenEndpointUris(TokenPath)
                .SetConfigurationEndpointUris(".well-known/openid-configuration")
                .SetJsonWebKeySetEndpointUris(".well-known/jwks")
                .AllowClientCredentialsFlow()
                .EnableDegradedMode()
                .AddSigningKey(credentials.SigningKey)
                .AddEphemeralEncryptionKey()
                .DisableAccessTokenEncryption()
                .SetAccessTokenLifetime(settings.TokenLifetime)
                .RegisterScopes("api.read", "api.write")
                .RegisterAudiences(audience);
            server.UseAspNetCore().DisableTransportSecurityRequirement();
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId is null || !clients.TryGetValue(context.ClientId, out var client) ||
                    !SecretMatches(client.ClientSecret!, context.ClientSecret))
                {
                    context.Reject(Errors.InvalidClient, "The client id or secret is wrong.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                var client = clients[context.ClientId!];
                var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, client.ClientId).SetClaim(Claims.Name, client.ClientId)
                    .SetClaim(Claims.AuthorizedParty, client.ClientId).SetClaims(Claims.Role, [.. client.Roles]);
                var principal = new ClaimsPrincipal(identity);
                principal.SetAudiences(audience).SetScopes(context.Request.GetScopes());
                principal.SetDestinations(static _ => [Destinations.AccessToken]);
                context.SignIn(principal);
                return default;
            }));
        });
    }

    private static EmbeddedClient DevelopmentClient(string secret, IEnumerable<string> roles)
    {
        var client = new EmbeddedClient { ClientId = DevelopmentCredentials.DevelopmentClientId, ClientSecret = secret };
        foreach (var role in roles)
        {
            client.Roles.Add(role);
        }

        return client;
    }

    private static bool SecretMatches(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
