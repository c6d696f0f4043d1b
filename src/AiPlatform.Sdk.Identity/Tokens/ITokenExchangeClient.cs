using AiPlatform.Sdk.Authentication;

namespace AiPlatform.Sdk.Identity.Tokens;

/// <summary>Exchanges a user's token for a downstream one (RFC 8693), authenticating with the application's client credentials.</summary>
public interface ITokenExchangeClient
{
    /// <summary>Sends the exchange to the provider's token endpoint.</summary>
    /// <param name="request">What to exchange, and for which audience.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The issued token; it is not cached.</returns>
    /// <exception cref="AiPlatformException">The provider refused the exchange or could not be reached.</exception>
    Task<AccessToken> ExchangeAsync(TokenExchangeRequest request, CancellationToken cancellationToken = default);
}
