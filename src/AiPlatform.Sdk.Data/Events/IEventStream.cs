namespace AiPlatform.Sdk.Data.Events;

/// <summary>
/// Topics of events, on Kafka or the in-process bus. Delivery is at least once: an event is acknowledged only after its handler
/// succeeds or it has been moved to the dead-letter topic <c>{topic}{DeadLetterSuffix}</c> with the error in its headers.
/// </summary>
public interface IEventStream
{
    /// <summary>Publishes one event and waits for the broker's acknowledgement (or, in process, for room in the topic).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="message">The event.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the event is stored.</returns>
    /// <exception cref="AiPlatformException">The broker could not be reached in time; the message names the bootstrap servers.</exception>
    Task PublishAsync(string topic, StreamEvent message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Consumes <paramref name="topic"/> as a member of <paramref name="group"/> from the group's committed position until
    /// <paramref name="cancellationToken"/> is cancelled; the event in flight then finishes, or is returned unacknowledged if its handler
    /// throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="group">The consumer group, which owns the committed position.</param>
    /// <param name="handler">Handles each event.</param>
    /// <param name="cancellationToken">Stops consuming.</param>
    /// <returns>A task that completes when the consumer has stopped.</returns>
    Task ConsumeAsync(string topic, string group, StreamEventHandler handler, CancellationToken cancellationToken);
}
