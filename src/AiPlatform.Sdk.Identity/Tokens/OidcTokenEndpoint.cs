using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AiPlatform.Sdk.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Identity.Tokens;

/// <summary>
/// Talks to the provider's token endpoint, found once through discovery: sends a grant with the client's credentials
/// (Basic or post) and turns the answer into an <see cref="AccessToken"/>. Never logs the secret or a token.
/// </summary>
internal sealed partial class OidcTokenEndpoint(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<IdentitySettings> options,
    TimeProvider timeProvider,
    ILogger<OidcTokenEndpoint> logger,
    string? name = null)
{
    public const string HttpClientName = "aiplatform-identity-token";

    /// <summary>The token endpoint client of the identity named <paramref name="name"/> (keyed token providers sign in as their own client).</summary>
    public static string HttpClientNameOf(string? name) => name is null ? HttpClientName : $"{HttpClientName}-{name}";
    private const string Service = "identity";
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _discoveryGate = new(1, 1);
    private Uri? _tokenEndpoint;

    /// <summary>Sends one token request with <paramref name="parameters"/> plus the client's credentials.</summary>
    public async Task<AccessToken> RequestAsync(
        IReadOnlyList<KeyValuePair<string, string>> parameters, string operation, CancellationToken cancellationToken)
    {
        var settings = options.Get(name ?? Options.DefaultName);
        var endpoint = await GetTokenEndpointAsync(settings, cancellationToken).ConfigureAwait(false);
        var form = new List<KeyValuePair<string, string>>(parameters);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        if (settings.ClientAuthentication == ClientAuthenticationMethod.Basic)
        {
            // RFC 6749 section 2.3.1: both parts are form-url-encoded before the Basic encoding.
            var pair = $"{Uri.EscapeDataString(settings.ClientId!)}:{Uri.EscapeDataString(settings.ClientSecret!)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        else
        {
            form.Add(new("client_id", settings.ClientId!));
            form.Add(new("client_secret", settings.ClientSecret!));
        }

        request.Content = new FormUrlEncodedContent(form);
        var client = httpClientFactory.CreateClient(HttpClientNameOf(name));
        TokenResponse? body;
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await AiPlatformErrors.EnsureSuccessAsync(response, Service, operation, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadFromJsonAsync(TokenJsonContext.Default.TokenResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw AiPlatformErrors.FromException(ex, Service, operation, endpoint);
        }

        if (string.IsNullOrEmpty(body?.AccessToken))
        {
            throw new AiPlatformException(Service, operation, $"The token endpoint {endpoint} answered without an access_token.");
        }

        var lifetime = body.ExpiresIn is > 0 ? TimeSpan.FromSeconds(body.ExpiresIn.Value) : DefaultLifetime;
        var token = new AccessToken(body.AccessToken, timeProvider.GetUtcNow() + lifetime);
        LogTokenIssued(logger, operation, settings.ClientId, token.ExpiresOn);
        return token;
    }

    private async ValueTask<Uri> GetTokenEndpointAsync(IdentitySettings settings, CancellationToken cancellationToken)
    {
        if (settings.TokenEndpoint is { } configured)
        {
            return configured;
        }

        if (_tokenEndpoint is { } known)
        {
            return known;
        }

        await _discoveryGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tokenEndpoint is { } found)
            {
                return found;
            }

            var authority = settings.Authority!.AbsoluteUri.TrimEnd('/');
            var discovery = new Uri($"{authority}/.well-known/openid-configuration");
            DiscoveryDocument? document;
            try
            {
                document = await httpClientFactory.CreateClient(HttpClientName)
                    .GetFromJsonAsync(discovery, TokenJsonContext.Default.DiscoveryDocument, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw AiPlatformErrors.FromException(ex, Service, "Discover", discovery);
            }

            _tokenEndpoint = document?.TokenEndpoint ?? throw new AiPlatformException(
                Service, "Discover", $"The discovery document at {discovery} names no token_endpoint.");
            LogDiscovered(logger, _tokenEndpoint);
            return _tokenEndpoint;
        }
        finally
        {
            _discoveryGate.Release();
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Found the token endpoint {TokenEndpoint} through discovery")]
    private static partial void LogDiscovered(ILogger logger, Uri tokenEndpoint);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "{Operation}: obtained an access token for client {ClientId}, valid until {ExpiresOn:O}")]
    private static partial void LogTokenIssued(ILogger logger, string operation, string? clientId, DateTimeOffset expiresOn);
}
