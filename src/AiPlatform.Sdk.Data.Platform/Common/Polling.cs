namespace AiPlatform.Sdk.Data.Platform.Common;

/// <summary>The one polling loop of the data-platform clients' long operations (a DAG run, an export, a savepoint).</summary>
internal static class Polling
{
    /// <summary>
    /// Reads the state every <paramref name="interval"/>, reporting each read to <paramref name="progress"/>, until <paramref name="done"/>
    /// holds. Cancelling stops the polling with <see cref="OperationCanceledException"/>; the work itself goes on in the server.
    /// </summary>
    public static async Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> read, Func<T, bool> done, IProgress<T>? progress, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, "pollInterval");
        while (true)
        {
            var state = await read(cancellationToken).ConfigureAwait(false);
            progress?.Report(state);
            if (done(state))
            {
                return state;
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
