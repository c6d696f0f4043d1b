using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Data.Platform.Superset;

/// <summary>
/// Settings of the Superset client, bound from <c>AiPlatform:DataPlatform:Superset</c>. <see cref="RemoteClientSettings.Endpoint"/> is the
/// Superset web server, such as <c>http://superset:8088</c>.
/// </summary>
public sealed class SupersetSettings : RemoteClientSettings, IValidatableObject
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "DataPlatform:Superset";

    /// <summary>
    /// The Superset user, exchanged with <see cref="Password"/> at <c>POST /api/v1/security/login</c> for an access and a refresh token.
    /// Unset sends the platform's bearer token, if any; Superset's REST API accepts only the tokens its own login signs, so that works
    /// only with a security manager customised to accept the identity provider's tokens (Superset offers no such login; see the docs).
    /// </summary>
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/>; from configuration or a secret store, never from code.</summary>
    public string? Password { get; set; }

    /// <summary>The login provider: <c>db</c> (Superset's own users, the default) or <c>ldap</c>.</summary>
    [RegularExpression("^(db|ldap)$")]
    public string Provider { get; set; } = "db";

    /// <summary>How many items one page of a listing asks for. Default 100.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("A Username needs a Password.", [nameof(Password)]);
        }
    }
}
