namespace AiPlatform.Sdk.Authentication;

/// <summary>
/// Supplies the bearer token that the SDK's HTTP and gRPC pipeline attaches to every call. The Identity package implements it
/// with OIDC client credentials; register a keyed instance (key = client name) to give one client its own credentials.
/// </summary>
public interface IAccessTokenProvider
{
    /// <summary>Returns a valid token, from cache when possible.</summary>
    /// <param name="forceRefresh">When <see langword="true"/>, the cached token is discarded (the server answered 401) and a new one is fetched.</param>
    /// <param name="cancellationToken">Cancels the wait for a token.</param>
    /// <returns>The token to send.</returns>
    /// <exception cref="AiPlatformException">The token could not be obtained.</exception>
    ValueTask<AccessToken> GetTokenAsync(bool forceRefresh = false, CancellationToken cancellationToken = default);
}
