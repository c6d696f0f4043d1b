using System.Net.Http.Json;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.LabelStudio;

/// <summary>
/// The Label Studio key of one client: a legacy token as is, or a personal access token with the short-lived access tokens exchanged
/// for it at <c>POST /api/token/refresh/</c> (through the client's second HTTP client, <c>{name}-auth</c>, which carries no key).
/// </summary>
internal sealed class LabelStudioCredentials
{
    private readonly Func<HttpClient> _http;

    public LabelStudioCredentials(LabelStudioSettings settings, Func<HttpClient> http, TimeProvider time)
    {
        _http = http;
        ApiKey = settings.ApiKey;
        Access = settings.UsesPersonalAccessToken ? new JwtCache(RefreshAsync, time) : null;
    }

    public string? ApiKey { get; }

    /// <summary>The access tokens of a personal access token; <see langword="null"/> for a legacy token.</summary>
    public JwtCache? Access { get; }

    private async Task<string> RefreshAsync(CancellationToken cancellationToken)
    {
        using var response = await _http().PostAsJsonAsync(new Uri("api/token/refresh/", UriKind.Relative),
            new TokenRefreshRequest(ApiKey!), LabelStudioJsonContext.Default.TokenRefreshRequest, cancellationToken).ConfigureAwait(false);
        await AiPlatformErrors.EnsureSuccessAsync(response, LabelStudioClient.Service, "RefreshToken", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync(LabelStudioJsonContext.Default.TokenRefreshResponse, cancellationToken).ConfigureAwait(false);
        return body?.Access is { Length: > 0 } access
            ? access
            : throw new AiPlatformException(LabelStudioClient.Service, "RefreshToken", "label-studio RefreshToken: the answer carries no access token",
                errorCode: ServiceCalls.MalformedResponse);
    }
}

/// <summary>
/// Label Studio's key on each request: <c>Token &lt;key&gt;</c> for a legacy token; for a personal access token the current access token
/// as <c>Bearer</c>, exchanged again once when the server answers 401. Without a key the request keeps the platform's bearer token.
/// </summary>
internal sealed class LabelStudioAuthenticationHandler(LabelStudioCredentials credentials) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(credentials.ApiKey))
        {
            return base.SendAsync(request, cancellationToken);
        }

        if (credentials.Access is { } access)
        {
            return access.SendAsync(request, base.SendAsync, cancellationToken);
        }

        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", credentials.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
