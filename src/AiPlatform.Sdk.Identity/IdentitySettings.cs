using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Identity;

/// <summary>
/// Settings of the Identity layer, bound from <c>AiPlatform:Identity</c>. Setting <see cref="Authority"/> and <see cref="ClientId"/>
/// switches on OIDC client-credentials tokens for every SDK client; a host that only validates tokens sets <see cref="Authority"/>
/// and <see cref="Audience"/>. <see cref="ToString"/> never reveals <see cref="ClientSecret"/>.
/// </summary>
public sealed class IdentitySettings : AiPlatformClientSettings, IValidatableObject
{
    /// <summary>The OpenID provider's issuer, such as <c>https://keycloak/realms/ai</c>; its discovery document names the token endpoint.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The token endpoint, when the provider publishes no discovery document; otherwise found through discovery.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The client id this application authenticates with; with an authority, it turns on the token provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret; load it from Vault or the environment, never commit it.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How the secret is sent: HTTP Basic (default) or in the form body.</summary>
    public ClientAuthenticationMethod ClientAuthentication { get; set; } = ClientAuthenticationMethod.Basic;

    /// <summary>Scopes to request, if any.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>The <c>audience</c> parameter to send (Keycloak, Auth0), if any; hosts also require it in the tokens they accept.</summary>
    public string? Audience { get; set; }

    /// <summary>The RFC 8707 <c>resource</c> parameter to send, if any.</summary>
    public Uri? Resource { get; set; }

    /// <summary>How long before expiry a cached token is replaced; default one minute (at most half the token's lifetime).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A forced refresh (after a 401) is ignored while the cached token is younger than this, so that a burst of 401s for
    /// one stale token fetches one new token; default five seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MinimumForcedRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Validates that a configured authority comes with credentials.</summary>
    /// <param name="validationContext">The validation context.</param>
    /// <returns>The failures.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Authority is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("must be an absolute URI.", [nameof(Authority)]);
        }

        if (!string.IsNullOrWhiteSpace(ClientId) && Authority is null && TokenEndpoint is null)
        {
            yield return new ValidationResult("or TokenEndpoint is required when a ClientId is configured.", [nameof(Authority)]);
        }

        if (!string.IsNullOrWhiteSpace(ClientId) && string.IsNullOrEmpty(ClientSecret))
        {
            yield return new ValidationResult("is required when a ClientId is configured.", [nameof(ClientSecret)]);
        }
    }

    /// <summary>Describes the settings without the secret.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() =>
        $"IdentitySettings(Authority={Authority}, ClientId={ClientId}, ClientSecret={(string.IsNullOrEmpty(ClientSecret) ? "<none>" : "<redacted>")}, Audience={Audience})";
}

/// <summary>How a client proves its identity at the token endpoint.</summary>
public enum ClientAuthenticationMethod
{
    /// <summary><c>client_secret_basic</c>: an HTTP Basic authorization header.</summary>
    Basic,

    /// <summary><c>client_secret_post</c>: <c>client_id</c> and <c>client_secret</c> in the form body.</summary>
    Post,
}
