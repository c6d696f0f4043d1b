using AiPlatform.Sdk.Authentication;

namespace AiPlatform.Sdk.Identity.Tokens;

/// <summary>RFC 8693 token exchange through the same token endpoint and credentials as the client-credentials provider.</summary>
internal sealed class TokenExchangeClient(OidcTokenEndpoint endpoint) : ITokenExchangeClient
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:token-exchange";

    public Task<AccessToken> ExchangeAsync(TokenExchangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.SubjectToken);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("grant_type", GrantType),
            new("subject_token", request.SubjectToken),
            new("subject_token_type", request.SubjectTokenType),
            new("requested_token_type", request.RequestedTokenType),
        };
        if (!string.IsNullOrEmpty(request.Audience))
        {
            parameters.Add(new("audience", request.Audience));
        }

        if (request.Resource is not null)
        {
            parameters.Add(new("resource", request.Resource.AbsoluteUri));
        }

        if (request.Scopes.Count > 0)
        {
            parameters.Add(new("scope", string.Join(' ', request.Scopes)));
        }

        return endpoint.RequestAsync(parameters, "ExchangeToken", cancellationToken);
    }
}
