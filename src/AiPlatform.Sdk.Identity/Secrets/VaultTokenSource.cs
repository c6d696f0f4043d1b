using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Identity.Secrets;

/// <summary>
/// Holds the Vault client token: logs in (token, AppRole, Kubernetes), renews the token with <c>renew-self</c> shortly before its
/// lease ends, and logs in again when renewal fails or the lease can no longer grow (its maximum TTL is reached).
/// </summary>
internal sealed partial class VaultTokenSource(Func<HttpClient> http, VaultSettings settings, TimeProvider timeProvider, ILogger logger) : IDisposable
{
    private const string Service = "vault";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset? _renewAt;
    private bool _renewable;

    public bool CanLogInAgain => settings.AuthMethod != VaultAuthMethod.Token;

    /// <summary>Returns a token that is valid now; <paramref name="loginAgain"/> discards the current one (Vault answered 403).</summary>
    public async ValueTask<string> GetTokenAsync(bool loginAgain, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is null || (loginAgain && CanLogInAgain))
            {
                await LoginAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (_renewAt is { } renewAt && timeProvider.GetUtcNow() >= renewAt &&
                     !(_renewable && await TryRenewAsync(cancellationToken).ConfigureAwait(false)))
            {
                await LoginAsync(cancellationToken).ConfigureAwait(false);
            }

            return _token!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    internal static void AddHeaders(HttpRequestMessage request, VaultSettings settings, string? token)
    {
        request.Headers.Add("X-Vault-Request", "true");
        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }

        if (!string.IsNullOrEmpty(settings.Namespace))
        {
            request.Headers.Add("X-Vault-Namespace", settings.Namespace);
        }
    }

    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        if (settings.AuthMethod == VaultAuthMethod.Token)
        {
            _token = settings.Token;
            _renewAt = null;
            return;
        }

        var (mount, body) = settings.AuthMethod == VaultAuthMethod.AppRole
            ? (settings.AuthMount ?? "approle", new JsonObject { ["role_id"] = settings.RoleId, ["secret_id"] = settings.SecretId })
            : (settings.AuthMount ?? "kubernetes", new JsonObject
            {
                ["role"] = settings.Role,
                ["jwt"] = (await File.ReadAllTextAsync(settings.ServiceAccountTokenPath, cancellationToken).ConfigureAwait(false)).Trim(),
            });
        var auth = await SendAuthAsync($"v1/auth/{mount}/login", body, null, "Login", cancellationToken).ConfigureAwait(false);
        Apply(auth);
        LogLoggedIn(logger, settings.AuthMethod, auth.LeaseDuration);
    }

    private async Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var auth = await SendAuthAsync("v1/auth/token/renew-self", new JsonObject(), _token, "RenewToken", cancellationToken).ConfigureAwait(false);
            if (TimeSpan.FromSeconds(auth.LeaseDuration) < settings.RenewBeforeExpiry && CanLogInAgain)
            {
                LogRenewalExhausted(logger, auth.LeaseDuration);
                return false;
            }

            Apply(auth);
            LogRenewed(logger, auth.LeaseDuration);
            return true;
        }
        catch (AiPlatformException ex)
        {
            LogRenewalFailed(logger, ex.StatusCode, ex.ServerMessage ?? ex.Message);
            if (!CanLogInAgain)
            {
                throw;
            }

            return false;
        }
    }

    private async Task<VaultAuth> SendAuthAsync(string path, JsonObject body, string? token, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, VaultNodeJsonContext.Default.JsonObject) };
        AddHeaders(request, settings, token);
        try
        {
            using var response = await http().SendAsync(request, cancellationToken).ConfigureAwait(false);
            await AiPlatformErrors.EnsureSuccessAsync(response, Service, operation, cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadFromJsonAsync(VaultJsonContext.Default.VaultAuthResponse, cancellationToken).ConfigureAwait(false);
            return answer?.Auth is { ClientToken.Length: > 0 } auth
                ? auth
                : throw new AiPlatformException(Service, operation, $"Vault answered {operation} without a client token.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw AiPlatformErrors.FromException(ex, Service, operation, settings.Endpoint);
        }
    }

    private void Apply(VaultAuth auth)
    {
        _token = auth.ClientToken;
        _renewable = auth.Renewable;
        var lease = TimeSpan.FromSeconds(auth.LeaseDuration);
        _renewAt = auth.LeaseDuration > 0 ? timeProvider.GetUtcNow() + lease - Margin(lease) : null;
    }

    private TimeSpan Margin(TimeSpan lease) => settings.RenewBeforeExpiry < lease / 3 ? settings.RenewBeforeExpiry : lease / 3;

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Logged in to Vault with {Method}; the token lease is {LeaseSeconds} s")]
    private static partial void LogLoggedIn(ILogger logger, VaultAuthMethod method, long leaseSeconds);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Debug, Message = "Renewed the Vault token; the lease is now {LeaseSeconds} s")]
    private static partial void LogRenewed(ILogger logger, long leaseSeconds);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "Renewing the Vault token failed ({Status}: {Reason}); logging in again")]
    private static partial void LogRenewalFailed(ILogger logger, int? status, string reason);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Information, Message = "The Vault token reached its maximum TTL ({LeaseSeconds} s left); logging in again")]
    private static partial void LogRenewalExhausted(ILogger logger, long leaseSeconds);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class VaultNodeJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
