namespace AiPlatform.Sdk.Identity.Tokens;

/// <summary>An RFC 8693 token exchange: trade the token a user called with for one addressed at a downstream service.</summary>
public sealed class TokenExchangeRequest
{
    /// <summary>The access token type URI of RFC 8693 section 3.</summary>
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

    /// <summary>The token to exchange, usually the caller's bearer token.</summary>
    public required string SubjectToken { get; init; }

    /// <summary>The type of <see cref="SubjectToken"/>; default <see cref="AccessTokenType"/>.</summary>
    public string SubjectTokenType { get; init; } = AccessTokenType;

    /// <summary>The logical name of the downstream service, sent as <c>audience</c>.</summary>
    public string? Audience { get; init; }

    /// <summary>The downstream service's URI, sent as <c>resource</c>.</summary>
    public Uri? Resource { get; init; }

    /// <summary>Scopes to ask for.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The token type wanted back; default an access token.</summary>
    public string RequestedTokenType { get; init; } = AccessTokenType;

    /// <summary>Describes the request without the subject token.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"TokenExchangeRequest(SubjectToken=<redacted>, Audience={Audience}, Resource={Resource})";
}
