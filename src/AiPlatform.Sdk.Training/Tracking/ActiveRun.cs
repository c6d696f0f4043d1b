namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>
/// A run in progress: metrics are buffered and sent in batches in the background (every flush interval given to
/// <see cref="ExperimentTrackerExtensions.StartRunAsync"/>, one second by default), params and tags are sent at once. Disposing it
/// sends every buffered metric — even when the caller's token was cancelled — and ends the run <see cref="RunStatus.Finished"/>, or
/// <see cref="RunStatus.Failed"/> after <see cref="Fail"/>. Thread-safe.
/// </summary>
public sealed class ActiveRun : IAsyncDisposable
{
    private readonly IExperimentTracker _tracker;
    private readonly List<Metric> _buffer = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flushLoop;
    private RunStatus _endStatus = RunStatus.Finished;
    private Exception? _flushFailure;
    private int _disposed;

    internal ActiveRun(IExperimentTracker tracker, Run run, TimeSpan flushInterval)
    {
        _tracker = tracker;
        Run = run;
        _flushLoop = FlushLoopAsync(flushInterval);
    }

    /// <summary>The run as created.</summary>
    public Run Run { get; }

    /// <summary>The run's id.</summary>
    public string RunId => Run.Info.RunId;

    /// <summary>Buffers a metric value; it is sent with the next batch.</summary>
    /// <param name="key">The metric.</param>
    /// <param name="value">The value.</param>
    /// <param name="step">The training step.</param>
    public void LogMetric(string key, double value, long step = 0)
    {
        TrackingLimits.Validate("metric", key, null, 0);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_gate)
        {
            _buffer.Add(new Metric(key, value, DateTimeOffset.UtcNow, step));
        }
    }

    /// <summary>Logs a param now.</summary>
    /// <param name="key">The param.</param>
    /// <param name="value">Its value; a param cannot change once logged.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the param is stored.</returns>
    public Task LogParamAsync(string key, string value, CancellationToken cancellationToken = default) =>
        _tracker.LogBatchAsync(RunId, parameters: new Dictionary<string, string> { [key] = value }, cancellationToken: cancellationToken);

    /// <summary>Sets a tag now.</summary>
    /// <param name="key">The tag.</param>
    /// <param name="value">Its value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tag is stored.</returns>
    public Task SetTagAsync(string key, string value, CancellationToken cancellationToken = default) =>
        _tracker.LogBatchAsync(RunId, tags: new Dictionary<string, string> { [key] = value }, cancellationToken: cancellationToken);

    /// <summary>Sends every buffered metric now.</summary>
    /// <param name="cancellationToken">Cancels waiting; metrics already taken from the buffer go back to it.</param>
    /// <returns>A task that completes when they are stored.</returns>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Metric[] batch;
            lock (_gate)
            {
                batch = [.. _buffer];
                _buffer.Clear();
            }

            if (batch.Length == 0)
            {
                return;
            }

            try
            {
                await _tracker.LogBatchAsync(RunId, batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (_gate)
                {
                    _buffer.InsertRange(0, batch);
                }

                throw;
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Makes disposal end the run <see cref="RunStatus.Failed"/> (call it where the training code catches its failure).</summary>
    public void Fail() => _endStatus = RunStatus.Failed;

    /// <summary>Sends the buffered metrics and ends the run.</summary>
    /// <returns>A task that completes when the run has ended.</returns>
    /// <exception cref="AiPlatformException">Buffered metrics could not be stored; the run still ends, <see cref="RunStatus.Failed"/>.</exception>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _flushLoop.ConfigureAwait(false);
        Exception? failure = _flushFailure;
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (AiPlatformException ex)
        {
            failure = ex;
        }

        await _tracker.UpdateRunAsync(RunId, failure is null ? _endStatus : RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
        _sending.Dispose();
        if (failure is not null)
        {
            throw failure;
        }
    }

    private async Task FlushLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (AiPlatformException ex) when (ex.IsTransient)
                {
                    // Kept in the buffer; the next tick or disposal sends it again.
                }
                catch (AiPlatformException ex)
                {
                    _flushFailure = ex;
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposal flushes what is left.
        }
    }
}
