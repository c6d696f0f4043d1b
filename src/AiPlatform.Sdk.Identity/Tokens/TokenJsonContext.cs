using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Identity.Tokens;

/// <summary>The OpenID Connect discovery document fields the token provider uses.</summary>
internal sealed record DiscoveryDocument(
    [property: JsonPropertyName("issuer")] string? Issuer,
    [property: JsonPropertyName("token_endpoint")] Uri? TokenEndpoint);

/// <summary>A successful OAuth 2.0 token response (RFC 6749 section 5.1, RFC 8693 section 2.2.1).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("issued_token_type")] string? IssuedTokenType,
    [property: JsonPropertyName("scope")] string? Scope);

[JsonSerializable(typeof(DiscoveryDocument))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class TokenJsonContext : JsonSerializerContext;
