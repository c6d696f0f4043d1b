using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// Admits inference requests per model before their bodies are read: <see cref="InferenceServerSettings.MaxConcurrentRequestsPerModel"/>
/// run, <see cref="InferenceServerSettings.MaxQueuedRequestsPerModel"/> wait, and the rest are refused as busy. Only models of the
/// repository get a limit, so unknown names cannot grow it.
/// </summary>
internal sealed class InferenceAdmission(ModelRepository repository, IOptions<InferenceServerSettings> settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConcurrencyLimit> _limits = new(StringComparer.Ordinal);

    /// <summary>Waits for a slot of <paramref name="model"/>; dispose the lease when the request is done. The lease tells how long it queued.</summary>
    /// <exception cref="InferenceProtocolException">The model is unknown (NOT_FOUND) or busy (RESOURCE_EXHAUSTED, 429).</exception>
    public async Task<Lease> EnterAsync(string model, CancellationToken cancellationToken)
    {
        if (repository.Versions(model).Count == 0)
        {
            throw InferenceProtocolException.NotFound($"Request for unknown model: '{model}' is not found");
        }

        var limit = _limits.GetOrAdd(model, _ => new ConcurrencyLimit(settings.Value.MaxConcurrentRequestsPerModel, settings.Value.MaxQueuedRequestsPerModel));
        var arrived = time.GetTimestamp();
        var slot = await limit.TryEnterAsync(cancellationToken).ConfigureAwait(false) ?? throw InferenceProtocolException.Busy(model);
        return new Lease(slot, time.GetElapsedTime(arrived));
    }

    /// <summary>A model slot, and how long the request waited for it (Triton's <c>queue</c> statistic).</summary>
    public sealed class Lease(IDisposable slot, TimeSpan queued) : IDisposable
    {
        public TimeSpan Queued { get; } = queued;

        public void Dispose() => slot.Dispose();
    }
}
