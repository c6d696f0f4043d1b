namespace AiPlatform.Sdk.Data.Platform.Flume;

/// <summary>
/// Sends events to a Flume agent's HTTP source (JSON handler: <c>[{"headers": {...}, "body": "..."}]</c>), in batches of at most
/// <c>MaxBatchSize</c>. A batch that Flume refuses with 503 (its channel is full; the transaction was rolled back) is retried with the
/// platform's back-off; one it refuses with 400 fails with <see cref="AiPlatformValidationException"/>.
/// </summary>
public interface IFlumeClient
{
    /// <summary>Sends the events, one request per batch, in order; the batches before a failure are delivered.</summary>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Cancels the sending.</param>
    /// <returns>How many events Flume accepted.</returns>
    Task<int> SendAsync(IEnumerable<FlumeEvent> events, CancellationToken cancellationToken = default);
}
