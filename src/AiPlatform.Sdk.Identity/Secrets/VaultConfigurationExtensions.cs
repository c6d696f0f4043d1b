using AiPlatform.Sdk.Identity.Secrets;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds HashiCorp Vault secrets to configuration.</summary>
public static class VaultConfigurationExtensions
{
    /// <summary>
    /// Loads the KV version 2 secret at <paramref name="secretPath"/> into configuration and reloads it every
    /// <paramref name="reloadInterval"/> (default five minutes), so that, for example, <c>AiPlatform:Identity:ClientSecret</c> can come from Vault.
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="settings">The Vault connection and login.</param>
    /// <param name="secretPath">The secret's path below the KV mount.</param>
    /// <param name="keyPrefix">A configuration path to put the keys under.</param>
    /// <param name="reloadInterval">How often to read the secret again.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="AiPlatform.Sdk.AiPlatformException">The first load failed (when the configuration is built).</exception>
    public static IConfigurationBuilder AddVaultSecrets(
        this IConfigurationBuilder builder, VaultSettings settings, string secretPath, string? keyPrefix = null, TimeSpan? reloadInterval = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        return builder.Add(new VaultConfigurationSource
        {
            Settings = settings,
            SecretPath = secretPath,
            KeyPrefix = keyPrefix,
            ReloadInterval = reloadInterval ?? TimeSpan.FromMinutes(5),
        });
    }
}
