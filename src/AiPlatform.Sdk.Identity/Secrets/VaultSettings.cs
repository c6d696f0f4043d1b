using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Identity.Secrets;

/// <summary>
/// Settings of the HashiCorp Vault client, bound from <c>AiPlatform:Identity:Vault</c>. <see cref="RemoteClientSettings.Authenticate"/>
/// is ignored: Vault calls carry Vault's own token, never the platform's bearer token. <see cref="ToString"/> hides the credentials.
/// </summary>
public sealed class VaultSettings : RemoteClientSettings, IValidatableObject
{
    /// <summary>How the client logs in: <see cref="VaultAuthMethod.Token"/> (default), <see cref="VaultAuthMethod.AppRole"/> or <see cref="VaultAuthMethod.Kubernetes"/>.</summary>
    public VaultAuthMethod AuthMethod { get; set; } = VaultAuthMethod.Token;

    /// <summary>The Vault token for <see cref="VaultAuthMethod.Token"/>.</summary>
    public string? Token { get; set; }

    /// <summary>The AppRole role id.</summary>
    public string? RoleId { get; set; }

    /// <summary>The AppRole secret id.</summary>
    public string? SecretId { get; set; }

    /// <summary>The Vault role for Kubernetes login.</summary>
    public string? Role { get; set; }

    /// <summary>The service-account token file for Kubernetes login.</summary>
    public string ServiceAccountTokenPath { get; set; } = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>Where the login method is mounted; default <c>approle</c> or <c>kubernetes</c>.</summary>
    public string? AuthMount { get; set; }

    /// <summary>Where the KV version 2 engine is mounted; default <c>secret</c>.</summary>
    public string KvMount { get; set; } = "secret";

    /// <summary>The Vault Enterprise namespace, sent as <c>X-Vault-Namespace</c>.</summary>
    public string? Namespace { get; set; }

    /// <summary>How long before its lease ends the client token is renewed; default one minute (at most a third of the lease).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Checks that the chosen login method has its credentials.</summary>
    /// <param name="validationContext">The validation context.</param>
    /// <returns>The failures.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var missing = AuthMethod switch
        {
            VaultAuthMethod.Token when string.IsNullOrEmpty(Token) => nameof(Token),
            VaultAuthMethod.AppRole when string.IsNullOrEmpty(RoleId) => nameof(RoleId),
            VaultAuthMethod.AppRole when string.IsNullOrEmpty(SecretId) => nameof(SecretId),
            VaultAuthMethod.Kubernetes when string.IsNullOrEmpty(Role) => nameof(Role),
            _ => null,
        };
        if (missing is not null)
        {
            yield return new ValidationResult($"is required for the {AuthMethod} login.", [missing]);
        }
    }

    /// <summary>Describes the settings without credentials.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"VaultSettings(Endpoint={Endpoint}, AuthMethod={AuthMethod}, KvMount={KvMount}, credentials redacted)";
}

/// <summary>How the Vault client obtains its token.</summary>
public enum VaultAuthMethod
{
    /// <summary>A token given in configuration.</summary>
    Token,

    /// <summary>AppRole: a role id and a secret id.</summary>
    AppRole,

    /// <summary>Kubernetes: the pod's service-account token and a Vault role.</summary>
    Kubernetes,
}
