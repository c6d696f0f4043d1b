namespace AiPlatform.Sdk.AspNetCore;

/// <summary>
/// Bounds concurrent work: at most <c>maxConcurrent</c> callers run, at most <c>maxQueued</c> more wait for a slot, and any
/// caller beyond that is refused at once (the endpoint answers 429 or RESOURCE_EXHAUSTED) instead of piling up in memory.
/// </summary>
internal sealed class ConcurrencyLimit
{
    private readonly SemaphoreSlim _slots;
    private readonly int _capacity;
    private int _pending;

    public ConcurrencyLimit(int maxConcurrent, int maxQueued)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueued);
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _capacity = maxConcurrent + maxQueued;
    }

    /// <summary>Waits for a slot; <see langword="null"/> when every slot and queue place is taken. Dispose the lease to free the slot.</summary>
    /// <exception cref="OperationCanceledException">The caller gave up while queued.</exception>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _pending) > _capacity)
        {
            Interlocked.Decrement(ref _pending);
            return null;
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            throw;
        }

        return new Lease(this);
    }

    private sealed class Lease(ConcurrencyLimit owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner._slots.Release();
                Interlocked.Decrement(ref owner._pending);
            }
        }
    }
}
