namespace AiPlatform.Sdk.Identity.Tokens;

/// <summary>Settings of the HTTP client that talks to the token endpoint: addressed at the authority, sending no bearer token itself.</summary>
internal sealed class TokenEndpointClientSettings : RemoteClientSettings;
