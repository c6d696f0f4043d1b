using Microsoft.Extensions.Configuration;

namespace AiPlatform.Sdk.Identity.Secrets;

/// <summary>The configuration provider of <see cref="VaultConfigurationSource"/>: loads at start, then on a timer; a failed reload keeps the last values.</summary>
internal sealed class VaultConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly VaultConfigurationSource _source;
    private readonly VaultSecretStore _store;
    private readonly HttpClient _http;
    private ITimer? _timer;

    public VaultConfigurationProvider(VaultConfigurationSource source, VaultSecretStore store, HttpClient http)
    {
        _source = source;
        _store = store;
        _http = http;
    }

    public override void Load()
    {
        try
        {
            Data = ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (AiPlatformException) when (_source.Optional)
        {
            Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        }

        if (_timer is null && _source.ReloadInterval > TimeSpan.Zero)
        {
            _timer = _source.TimeProvider.CreateTimer(_ => _ = ReloadAsync(), null, _source.ReloadInterval, _source.ReloadInterval);
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _store.Dispose();
        _http.Dispose();
    }

    internal async Task ReloadAsync()
    {
        try
        {
            var data = await ReadAsync(CancellationToken.None).ConfigureAwait(false);
            if (!data.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(Data.OrderBy(p => p.Key, StringComparer.Ordinal)))
            {
                Data = data;
                OnReload();
            }
        }
        catch (AiPlatformException)
        {
            // Vault is unreachable or refused: keep serving the last values; the next tick tries again.
        }
    }

    private async Task<Dictionary<string, string?>> ReadAsync(CancellationToken cancellationToken)
    {
        var secret = await _store.ReadAsync(_source.SecretPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in secret?.Data ?? new Dictionary<string, string?>())
        {
            var name = key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
            data[string.IsNullOrEmpty(_source.KeyPrefix) ? name : ConfigurationPath.Combine(_source.KeyPrefix, name)] = value;
        }

        return data;
    }
}
