using AiPlatform.Sdk.Authentication;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Identity.Tokens;

/// <summary>
/// OAuth 2.0 client credentials: one token cached until shortly before it expires, then replaced by exactly one caller while the
/// others wait for its result (single flight). A forced refresh after a 401 is honoured once per stale token.
/// </summary>
internal sealed class ClientCredentialsTokenProvider(
    OidcTokenEndpoint endpoint, IOptionsMonitor<IdentitySettings> options, TimeProvider timeProvider, string? name = null) : IAccessTokenProvider, IDisposable
{
    private IdentitySettings Settings => options.Get(name ?? Options.DefaultName);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedToken? _cached;

    public async ValueTask<AccessToken> GetTokenAsync(bool forceRefresh = false, CancellationToken cancellationToken = default)
    {
        var seen = _cached;
        if (!forceRefresh && seen is not null && IsFresh(seen))
        {
            return seen.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _cached;
            if (current is not null && IsFresh(current) &&
                (!ReferenceEquals(current, seen) || !forceRefresh || IsYoung(current)))
            {
                // Another caller replaced the token while this one waited, or the forced refresh targets a token just issued.
                return current.Token;
            }

            var token = await endpoint.RequestAsync(GrantParameters(Settings), "GetToken", cancellationToken).ConfigureAwait(false);
            _cached = new CachedToken(token, timeProvider.GetUtcNow(), RefreshAt(token));
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    internal static List<KeyValuePair<string, string>> GrantParameters(IdentitySettings settings)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (settings.Scopes.Count > 0)
        {
            parameters.Add(new("scope", string.Join(' ', settings.Scopes)));
        }

        if (!string.IsNullOrEmpty(settings.Audience))
        {
            parameters.Add(new("audience", settings.Audience));
        }

        if (settings.Resource is not null)
        {
            parameters.Add(new("resource", settings.Resource.AbsoluteUri));
        }

        return parameters;
    }

    private DateTimeOffset RefreshAt(AccessToken token)
    {
        var lifetime = token.ExpiresOn - timeProvider.GetUtcNow();
        var margin = Settings.RefreshBeforeExpiry;
        return token.ExpiresOn - (margin < lifetime / 2 ? margin : lifetime / 2);
    }

    private bool IsFresh(CachedToken cached) => timeProvider.GetUtcNow() < cached.RefreshAt;

    private bool IsYoung(CachedToken cached) =>
        timeProvider.GetUtcNow() - cached.ObtainedAt < Settings.MinimumForcedRefreshInterval;

    private sealed record CachedToken(AccessToken Token, DateTimeOffset ObtainedAt, DateTimeOffset RefreshAt);
}
