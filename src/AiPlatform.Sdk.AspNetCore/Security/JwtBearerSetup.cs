using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>
/// JWT bearer validation: issuer, audience, lifetime with a small clock skew, signature against the provider's key set
/// (downloaded again when a token names an unknown key, so rotation needs no restart), an allow-list of asymmetric algorithms,
/// and provider role claims mapped to <c>role</c>.
/// </summary>
internal static class JwtBearerSetup
{
    public static void Configure(
        JwtBearerOptions options, ServerAuthenticationSettings settings, string audience, IEnumerable<string> issuers, SecurityKey? localKey)
    {
        options.MapInboundClaims = false;
        if (settings.Authority is { } authority)
        {
            options.Authority = authority.AbsoluteUri;
            options.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps && !authority.IsLoopback;
            options.RefreshOnIssuerKeyNotFound = true;
            options.RefreshInterval = settings.JwksRefreshInterval;
            options.AutomaticRefreshInterval = TimeSpan.FromHours(1);
        }

        var roleClients = settings.RoleClients.Append(audience).ToHashSet(StringComparer.Ordinal);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuers = issuers.SelectMany(i => new[] { i.TrimEnd('/'), i.TrimEnd('/') + "/" }).Distinct(StringComparer.Ordinal).ToArray(),
            ValidAudience = audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = settings.ClockSkew,
            ValidAlgorithms = settings.ValidAlgorithms.Count > 0 ? [.. settings.ValidAlgorithms] : JwtAlgorithms.Default,
            IssuerSigningKey = localKey,
            NameClaimType = "sub",
            RoleClaimType = KeycloakRoleClaims.RoleClaimType,
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    KeycloakRoleClaims.AddRoles(identity, roleClients);
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// Runs after JWT bearer's own set-up: a key the provider no longer publishes is refused once the key set was downloaded again,
    /// instead of being honoured for an hour from the last known good configuration.
    /// </summary>
    public static void RefuseRetiredKeys(JwtBearerOptions options)
    {
        if (options.ConfigurationManager is BaseConfigurationManager manager)
        {
            manager.UseLastKnownGoodConfiguration = false;
        }
    }
}
