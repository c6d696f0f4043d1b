using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Data.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace AiPlatform.Sdk.Data.Cache;

/// <summary>Adds spans, metrics and logs to a cache, and turns Redis connection failures into <see cref="AiPlatformException"/>.</summary>
internal sealed class InstrumentedDistributedCache(IDistributedCache inner, ClientInstrumentation instrumentation, string endpoint)
    : IDistributedCache, IHealthProbe, IDisposable
{
    private const string Service = "cache";

    /// <summary>Where the entries live: the first Redis endpoint, or <c>in-process</c> for the in-memory cache.</summary>
    internal string Endpoint => endpoint;

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => CallAsync("Get", () => inner.GetAsync(key, token));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        CallAsync("Set", async () => { await inner.SetAsync(key, value, options, token).ConfigureAwait(false); return true; });

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        CallAsync("Refresh", async () => { await inner.RefreshAsync(key, token).ConfigureAwait(false); return true; });

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        CallAsync("Remove", async () => { await inner.RemoveAsync(key, token).ConfigureAwait(false); return true; });

    public Task ProbeAsync(CancellationToken cancellationToken) => GetAsync("health-probe", cancellationToken);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private Task<T> CallAsync<T>(string operation, Func<Task<T>> body) =>
        instrumentation.RunAsync(operation, async _ =>
        {
            try
            {
                return await body().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
            {
                throw new AiPlatformException(Service, operation, $"{Service} {operation} failed: Redis at {endpoint} could not be reached ({ex.Message})",
                    innerException: ex);
            }
        });
}
