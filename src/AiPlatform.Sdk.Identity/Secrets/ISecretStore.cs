namespace AiPlatform.Sdk.Identity.Secrets;

/// <summary>Secrets in HashiCorp Vault's KV version 2 engine; the client logs in, renews its token before expiry and logs in again when renewal fails.</summary>
public interface ISecretStore
{
    /// <summary>Reads the latest or a given version of a secret.</summary>
    /// <param name="path">The secret's path below the mount, such as <c>aiplatform/orders</c>.</param>
    /// <param name="version">A version number, or <see langword="null"/> for the latest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The secret, or <see langword="null"/> when the path has none.</returns>
    /// <exception cref="AiPlatformException">Vault refused the call or could not be reached.</exception>
    Task<VaultSecret?> ReadAsync(string path, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>Writes a new version of a secret.</summary>
    /// <param name="path">The secret's path below the mount.</param>
    /// <param name="data">The key/value pairs.</param>
    /// <param name="checkAndSet">When set, the write succeeds only if the current version is this number (0: only if new).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version written.</returns>
    /// <exception cref="AiPlatformException">Vault refused the write (a failed check-and-set is a validation error) or could not be reached.</exception>
    Task<int> WriteAsync(string path, IReadOnlyDictionary<string, string> data, int? checkAndSet = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the keys below a folder; folder names end with <c>/</c>.</summary>
    /// <param name="path">The folder's path below the mount.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The keys; none when the folder is empty or missing.</returns>
    IAsyncEnumerable<string> ListAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Soft-deletes the latest version of a secret; older versions stay readable by number.</summary>
    /// <param name="path">The secret's path below the mount.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Vault has deleted the version.</returns>
    Task DeleteAsync(string path, CancellationToken cancellationToken = default);
}
