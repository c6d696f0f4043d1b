using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Identity.Secrets;

/// <summary>KV version 2 over Vault's HTTP API, with the token of <see cref="VaultTokenSource"/>; a 403 triggers one login and resend.</summary>
internal sealed partial class VaultSecretStore : ISecretStore, IDisposable
{
    private const string Service = "vault";
    private static readonly HttpMethod List = new("LIST");
    private readonly Func<HttpClient> _http; // one client per call, so that factory-made handlers can rotate
    private readonly VaultSettings _settings;
    private readonly VaultTokenSource _tokens;
    private readonly ILogger _logger;

    public VaultSecretStore(Func<HttpClient> http, VaultSettings settings, TimeProvider timeProvider, ILogger logger)
    {
        _http = http;
        _settings = settings;
        _tokens = new VaultTokenSource(http, settings, timeProvider, logger);
        _logger = logger;
    }

    public async Task<VaultSecret?> ReadAsync(string path, int? version = null, CancellationToken cancellationToken = default)
    {
        var query = version is { } v ? $"?version={v.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty;
        using var response = await SendAsync(HttpMethod.Get, $"data/{Escape(path)}{query}", null, "ReadSecret", cancellationToken, notFoundIsEmpty: true)
            .ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        var body = await response.Content.ReadFromJsonAsync(VaultJsonContext.Default.VaultKvReadResponse, cancellationToken).ConfigureAwait(false);
        var metadata = body?.Data?.Metadata;
        var data = (body?.Data?.Data ?? []).ToDictionary(
            p => p.Key, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(), StringComparer.Ordinal);
        return new VaultSecret(data, metadata?.Version ?? 0, metadata?.CreatedTime,
            !string.IsNullOrEmpty(metadata?.DeletionTime) || metadata?.Destroyed == true);
    }

    public async Task<int> WriteAsync(string path, IReadOnlyDictionary<string, string> data, int? checkAndSet = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var request = new VaultKvWriteRequest(data, checkAndSet is { } cas ? new VaultWriteOptions(cas) : null);
        using var response = await SendAsync(HttpMethod.Post, $"data/{Escape(path)}",
            () => JsonContent.Create(request, VaultJsonContext.Default.VaultKvWriteRequest), "WriteSecret", cancellationToken).ConfigureAwait(false);
        var body = await response!.Content.ReadFromJsonAsync(VaultJsonContext.Default.VaultKvWriteResponse, cancellationToken).ConfigureAwait(false);
        return body?.Data?.Version ?? 0;
    }

    public async IAsyncEnumerable<string> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(List, $"metadata/{Escape(path.TrimEnd('/'))}/", null, "ListSecrets", cancellationToken, notFoundIsEmpty: true)
            .ConfigureAwait(false);
        if (response is null)
        {
            yield break;
        }

        var body = await response.Content.ReadFromJsonAsync(VaultJsonContext.Default.VaultListResponse, cancellationToken).ConfigureAwait(false);
        foreach (var key in body?.Data?.Keys ?? [])
        {
            yield return key;
        }
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"data/{Escape(path)}", null, "DeleteSecret", cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _tokens.Dispose();

    private async Task<HttpResponseMessage?> SendAsync(
        HttpMethod method, string relative, Func<HttpContent>? content, string operation, CancellationToken cancellationToken, bool notFoundIsEmpty = false)
    {
        var uri = $"v1/{_settings.KvMount.Trim('/')}/{relative}";
        try
        {
            var token = await _tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
            var response = await SendOnceAsync(method, uri, content, token, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Forbidden && _tokens.CanLogInAgain)
            {
                // The token may have been revoked or expired at the server: log in again and resend once.
                response.Dispose();
                token = await _tokens.GetTokenAsync(true, cancellationToken).ConfigureAwait(false);
                response = await SendOnceAsync(method, uri, content, token, cancellationToken).ConfigureAwait(false);
            }

            if (notFoundIsEmpty && response.StatusCode == HttpStatusCode.NotFound)
            {
                response.Dispose();
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await AiPlatformErrors.FromResponseAsync(response, Service, operation, cancellationToken).ConfigureAwait(false);
                }
            }

            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(_logger, operation, ex.Message);
            throw AiPlatformErrors.FromException(ex, Service, operation, _settings.Endpoint);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string uri, Func<HttpContent>? content, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content?.Invoke() };
        VaultTokenSource.AddHeaders(request, _settings, token);
        return await _http().SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static string Escape(string path) => string.Join('/', path.Trim('/').Split('/').Select(Uri.EscapeDataString));

    [LoggerMessage(EventId = 6211, Level = LogLevel.Warning, Message = "Vault {Operation} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string operation, string reason);
}
