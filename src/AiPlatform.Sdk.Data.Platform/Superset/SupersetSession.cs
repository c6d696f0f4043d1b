using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.Superset;

/// <summary>
/// What one Superset client keeps between calls: the access token (from <c>POST /api/v1/security/login</c>, renewed with the refresh token at
/// <c>POST /api/v1/security/refresh</c>, logging in again when that is refused) and the CSRF token of <c>GET /api/v1/security/csrf_token/</c>
/// with the session cookie it is bound to. Its calls go through the client's second HTTP client (<c>{name}-auth</c>).
/// </summary>
internal sealed class SupersetSession
{
    private readonly SupersetSettings _settings;
    private readonly Func<HttpClient> _http;
    private readonly SemaphoreSlim _csrfLock = new(1, 1);
    private string? _refreshToken;
    private Csrf? _csrf;

    public SupersetSession(SupersetSettings settings, Func<HttpClient> http, TimeProvider time)
    {
        _settings = settings;
        _http = http;
        Access = string.IsNullOrEmpty(settings.Username) ? null : new JwtCache(AccessTokenAsync, time);
    }

    /// <summary>The configured user's access tokens; <see langword="null"/> without a user.</summary>
    public JwtCache? Access { get; }

    /// <summary>The CSRF token and its session cookie: the cached pair, or a new one when <paramref name="rejected"/> is the cached token.</summary>
    public async Task<Csrf> GetCsrfAsync(string? rejected, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        await _csrfLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_csrf is { } csrf && csrf.Token != rejected)
            {
                return csrf;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/security/csrf_token/", UriKind.Relative));
            request.Headers.Authorization = authorization;
            using var response = await _http().SendAsync(request, cancellationToken).ConfigureAwait(false);
            await AiPlatformErrors.EnsureSuccessAsync(response, SupersetClient.Service, "GetCsrfToken", cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadFromJsonAsync(SupersetJsonContext.Default.CsrfResponse, cancellationToken).ConfigureAwait(false);
            var token = body?.Result is { Length: > 0 } result ? result : throw Malformed("GetCsrfToken", "the answer carries no result");
            var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
                ? string.Join("; ", cookies.Select(c => c.Split(';', 2)[0].Trim()))
                : throw Malformed("GetCsrfToken", "the answer sets no session cookie, so the CSRF token cannot be used");
            return (_csrf = new Csrf(token, cookie));
        }
        finally
        {
            _csrfLock.Release();
        }
    }

    private async Task<string> AccessTokenAsync(CancellationToken cancellationToken)
    {
        if (_refreshToken is { } refresh)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/security/refresh", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refresh);
            using var response = await _http().SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                await AiPlatformErrors.EnsureSuccessAsync(response, SupersetClient.Service, "RefreshToken", cancellationToken).ConfigureAwait(false);
                var refreshed = await response.Content.ReadFromJsonAsync(SupersetJsonContext.Default.LoginResponse, cancellationToken).ConfigureAwait(false);
                return refreshed?.AccessToken is { Length: > 0 } access ? access : throw Malformed("RefreshToken", "the answer carries no access_token");
            }

            _refreshToken = null; // expired or revoked: log in again
        }

        using var login = await _http().PostAsJsonAsync(new Uri("api/v1/security/login", UriKind.Relative),
            new LoginRequest(_settings.Username!, _settings.Password ?? string.Empty, _settings.Provider, Refresh: true),
            SupersetJsonContext.Default.LoginRequest, cancellationToken).ConfigureAwait(false);
        await AiPlatformErrors.EnsureSuccessAsync(login, SupersetClient.Service, "Login", cancellationToken).ConfigureAwait(false);
        var tokens = await login.Content.ReadFromJsonAsync(SupersetJsonContext.Default.LoginResponse, cancellationToken).ConfigureAwait(false);
        _refreshToken = tokens?.RefreshToken;
        return tokens?.AccessToken is { Length: > 0 } token ? token : throw Malformed("Login", "the answer carries no access_token");
    }

    private static AiPlatformException Malformed(string operation, string detail) =>
        new(SupersetClient.Service, operation, $"{SupersetClient.Service} {operation}: {detail}", errorCode: ServiceCalls.MalformedResponse);

    /// <summary>A CSRF token and the session cookie header it belongs to.</summary>
    internal sealed record Csrf(string Token, string Cookie);
}

/// <summary>
/// Superset's credentials on each request: the configured user's access token (fetched again once on a 401), and for every write the CSRF
/// token in <c>X-CSRFToken</c> with its session cookie and a <c>Referer</c> (superset#18062: a bearer token alone is refused). A write refused
/// with Superset's CSRF error is sent once more with a fresh token and cookie.
/// </summary>
internal sealed class SupersetAuthenticationHandler(SupersetSession session) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        session.Access is { } access
            ? access.SendAsync(request, SendWithCsrfAsync, cancellationToken)
            : SendWithCsrfAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendWithCsrfAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var csrf = await session.GetCsrfAsync(null, request.Headers.Authorization, cancellationToken).ConfigureAwait(false);
        Apply(request, csrf);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.BadRequest ||
            !(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Contains("CSRF", StringComparison.Ordinal))
        {
            return response;
        }

        // The session expired or the server restarted with a new secret: a new session cookie and token. A streamed body (an upload)
        // was read and cannot be sent again; its refusal stands, and the next write carries the new token.
        var renewed = await session.GetCsrfAsync(csrf.Token, request.Headers.Authorization, cancellationToken).ConfigureAwait(false);
        if (request.Content is StreamContent or MultipartContent)
        {
            return response;
        }

        response.Dispose();
        Apply(request, renewed);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void Apply(HttpRequestMessage request, SupersetSession.Csrf csrf)
    {
        request.Headers.Remove("X-CSRFToken");
        request.Headers.Remove("Cookie");
        request.Headers.TryAddWithoutValidation("X-CSRFToken", csrf.Token);
        request.Headers.TryAddWithoutValidation("Cookie", csrf.Cookie);

        // Flask-WTF checks the Referer of HTTPS writes against the host.
        request.Headers.Referrer ??= new Uri(request.RequestUri!.GetLeftPart(UriPartial.Authority) + "/");
    }
}
