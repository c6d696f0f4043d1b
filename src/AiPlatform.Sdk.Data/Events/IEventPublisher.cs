namespace AiPlatform.Sdk.Data.Events;

/// <summary>Publishes typed events to the topic it was registered for, serialized with System.Text.Json source generation.</summary>
/// <typeparam name="T">The payload type.</typeparam>
public interface IEventPublisher<in T>
{
    /// <summary>Publishes one event.</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="key">The partition key; events with the same key stay in order.</param>
    /// <param name="cancellationToken">Cancels the wait for the acknowledgement.</param>
    /// <returns>A task that completes when the event is stored.</returns>
    Task PublishAsync(T payload, string? key = null, CancellationToken cancellationToken = default);
}
