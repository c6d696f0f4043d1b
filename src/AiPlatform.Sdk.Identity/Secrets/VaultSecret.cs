namespace AiPlatform.Sdk.Identity.Secrets;

/// <summary>One version of a KV version 2 secret.</summary>
/// <param name="Data">The key/value pairs.</param>
/// <param name="Version">The version number.</param>
/// <param name="CreatedTime">When this version was written.</param>
/// <param name="Deleted">Whether this version was soft-deleted (its data is then empty).</param>
public sealed record VaultSecret(IReadOnlyDictionary<string, string?> Data, int Version, DateTimeOffset? CreatedTime, bool Deleted)
{
    /// <summary>Describes the secret without its values.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"VaultSecret(version {Version}, keys: {string.Join(", ", Data.Keys)}, values redacted)";
}
