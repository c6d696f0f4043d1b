using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>
/// How the server checks callers, bound from <c>AiPlatform:Server:Authentication</c> (the SDK client keys under <c>AiPlatform:Identity</c> are for tokens an app sends).
/// With <see cref="Authority"/> set, tokens come from that OpenID provider; without it the server issues its own (development).
/// </summary>
internal sealed class ServerAuthenticationSettings : IValidatableObject
{
    public const string SectionName = "AiPlatform:Server:Authentication";

    /// <summary>The external OpenID provider's issuer, such as a Keycloak realm URL.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The audience every accepted token must carry; required with an external authority.</summary>
    public string? Audience { get; set; }

    /// <summary>Roles that allow reads (writers may always read); when empty, any authenticated caller may read.</summary>
    public IList<string> ReaderRoles { get; } = [];

    /// <summary>Roles that allow writes; when empty, <see cref="ServerPolicies.WriterRole"/>.</summary>
    public IList<string> WriterRoles { get; } = [];

    /// <summary>The roles that allow writes, with the default applied.</summary>
    public IReadOnlyList<string> EffectiveWriterRoles => WriterRoles.Count > 0 ? [.. WriterRoles] : [ServerPolicies.WriterRole];

    /// <summary>
    /// Roles of platform administrators, who may grant and revoke permissions on any object; when empty,
    /// <see cref="ServerPolicies.AdminRole"/>. Everyone else needs the <c>admin</c> permission on the object (its creator holds it).
    /// </summary>
    public IList<string> AdminRoles { get; } = [];

    /// <summary>The platform administrator roles, with the default applied.</summary>
    public IReadOnlyList<string> EffectiveAdminRoles => AdminRoles.Count > 0 ? [.. AdminRoles] : [ServerPolicies.AdminRole];

    /// <summary>Development only: every caller may read and write without a token.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The tolerance for clocks that disagree when checking <c>exp</c> and <c>nbf</c>; default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The signature algorithms accepted; <c>none</c> and symmetric algorithms are never accepted.</summary>
    public IList<string> ValidAlgorithms { get; } = [];

    /// <summary>The shortest wait between two key-set downloads when a token names an unknown key (rotation); default 30 seconds.</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Clients of <c>resource_access</c> whose roles count, besides <see cref="Audience"/>'s.</summary>
    public IList<string> RoleClients { get; } = [];

    /// <summary>The embedded issuer's address; default the host's first URL.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>The embedded issuer's access token lifetime; default one hour.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clients the embedded issuer knows; when empty, one development client with a generated secret.</summary>
    public IList<EmbeddedClient> Clients { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Authority is not null && string.IsNullOrWhiteSpace(Audience))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Audience)} is required when {SectionName}:{nameof(Authority)} is set: tokens for other services must be refused.",
                [nameof(Audience)]);
        }

        foreach (var algorithm in ValidAlgorithms.Where(a => !JwtAlgorithms.IsAsymmetric(a)))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(ValidAlgorithms)} may name only asymmetric signature algorithms, not '{algorithm}'.", [nameof(ValidAlgorithms)]);
        }

        for (var i = 0; i < Clients.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Clients[i].ClientId) || string.IsNullOrEmpty(Clients[i].ClientSecret))
            {
                yield return new ValidationResult(
                    $"{SectionName}:{nameof(Clients)}:{i} needs a ClientId and a ClientSecret.", [nameof(Clients)]);
            }
        }
    }

    public override string ToString() => $"ServerAuthenticationSettings(Authority={Authority}, Audience={Audience}, Clients={Clients.Count})";
}

/// <summary>A client of the embedded development issuer.</summary>
internal sealed class EmbeddedClient
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The roles put in its tokens, such as <c>aiplatform-writer</c>.</summary>
    public IList<string> Roles { get; } = [];

    public override string ToString() => $"EmbeddedClient({ClientId}, secret redacted)";
}
