using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AiPlatform.Sdk.Data.Platform.Common;

/// <summary>
/// A short-lived JWT obtained from a system's own token endpoint (Airflow 3's <c>/auth/token</c>, Label Studio's <c>/api/token/refresh/</c>,
/// Superset's login and refresh): reused until shortly before its <c>exp</c>, fetched again then or when the server refuses it.
/// One fetch at a time; callers that waited reuse the fresh token.
/// </summary>
internal sealed class JwtCache(Func<CancellationToken, Task<string>> fetch, TimeProvider time)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan UnknownLifetime = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Value, DateTimeOffset ExpiresAt)? _token;

    /// <summary>The cached token, or a new one when it is about to expire or <paramref name="rejected"/> is it.</summary>
    public async Task<string> GetAsync(string? rejected, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } token && token.Value != rejected && token.ExpiresAt - RefreshMargin > time.GetUtcNow())
            {
                return token.Value;
            }

            var value = await fetch(cancellationToken).ConfigureAwait(false);
            _token = (value, ExpiresAt(value) ?? time.GetUtcNow().Add(UnknownLifetime));
            return value;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> with the cached token as <c>Bearer</c>; when the server answers 401 (an expired or revoked token)
    /// and the body can be sent again, fetches a new token once and resends.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var token = await GetAsync(null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await send(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Content is StreamContent)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetAsync(token, cancellationToken).ConfigureAwait(false));
        return await send(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="value"/> has a JWT's shape: three base64url parts whose middle one is a JSON object.</summary>
    public static bool IsJwt(string value) => Payload(value) is not null;

    // The JWT's exp claim (seconds since the epoch), read without validating: the server validates, the client only schedules refreshes.
    internal static DateTimeOffset? ExpiresAt(string jwt)
    {
        using var payload = Payload(jwt);
        return payload is not null && payload.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    private static JsonDocument? Payload(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
