namespace AiPlatform.Sdk.Data.Events;

/// <summary>Handles one received event. Completing acknowledges it; throwing retries it and, after the last attempt, dead-letters it.</summary>
/// <param name="message">The event.</param>
/// <param name="cancellationToken">Signals shutdown: throw <see cref="OperationCanceledException"/> to return the event unacknowledged.</param>
/// <returns>A task that completes when the event is handled.</returns>
public delegate Task StreamEventHandler(StreamEvent message, CancellationToken cancellationToken);
