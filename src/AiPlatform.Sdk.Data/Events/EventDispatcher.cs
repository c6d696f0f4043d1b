using AiPlatform.Sdk.Telemetry;
using System.Diagnostics;
using System.Globalization;
using AiPlatform.Sdk.Data.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>
/// What both event providers share: stamping outgoing events with schema and trace headers, and running a handler with
/// bounded retries and backoff, continuing the publisher's trace, and building the dead letter when every attempt failed.
/// </summary>
internal sealed partial class EventDispatcher(EventStreamSettings settings, ClientInstrumentation instrumentation, ILogger logger, TimeProvider timeProvider)
{
    public EventStreamSettings Settings => settings;

    public ClientInstrumentation Instrumentation => instrumentation;

    /// <summary>Runs <paramref name="publish"/> inside a producer span, with the event's headers completed.</summary>
    public async Task PublishAsync(string topic, StreamEvent message, Func<StreamEvent, Task> publish)
    {
        Validate(topic, "Publish");
        ArgumentNullException.ThrowIfNull(message);
        using var activity = instrumentation.StartActivity("publish", ActivityKind.Producer);
        activity?.SetTag("messaging.destination.name", topic);
        var headers = new Dictionary<string, string>(message.Headers)
        {
            [EventHeaders.Type] = message.Type,
            [EventHeaders.Version] = message.Version.ToString(CultureInfo.InvariantCulture),
        };
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
        {
            headers[EventHeaders.TraceParent] = current.Id!;
            if (current.TraceStateString is { } state)
            {
                headers[EventHeaders.TraceState] = state;
            }
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            await publish(new StreamEvent { Type = message.Type, Version = message.Version, Key = message.Key, Payload = message.Payload, Headers = headers })
                .ConfigureAwait(false);
            instrumentation.Record("Publish", started, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            instrumentation.Record("Publish", started, ex.GetType().Name);
            LogPublishFailed(logger, topic, ex.Message);
            throw;
        }
    }

    /// <summary>
    /// Handles one event; returns <see langword="null"/> when it succeeded, or the dead letter to publish when every attempt failed.
    /// Throws <see cref="OperationCanceledException"/> when shutdown interrupted it, so that it is not acknowledged.
    /// </summary>
    public async Task<StreamEvent?> DispatchAsync(StreamEvent message, StreamEventHandler handler, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(
            message.Headers.GetValueOrDefault(EventHeaders.TraceParent), message.Headers.GetValueOrDefault(EventHeaders.TraceState), out var parent);
        using var activity = instrumentation.StartActivity("process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.destination.name", message.Topic);
        activity?.SetTag("messaging.kafka.offset", message.Offset);
        Exception? last = null;
        for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
        {
            var started = timeProvider.GetTimestamp();
            try
            {
                await handler(message, cancellationToken).ConfigureAwait(false);
                instrumentation.Record("Process", started, null);
                return null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogReturned(logger, message.Topic, message.Partition, message.Offset);
                throw;
            }
            catch (Exception ex)
            {
                last = ex;
                instrumentation.Record("Process", started, ex.GetType().Name);
                LogHandlerFailed(logger, message.Topic, message.Partition, message.Offset, attempt, settings.MaxAttempts, ex.Message);
                if (attempt < settings.MaxAttempts)
                {
                    await Task.Delay(settings.RetryBackoff * Math.Pow(2, attempt - 1), timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        activity?.SetStatus(ActivityStatusCode.Error, last!.Message);
        var headers = new Dictionary<string, string>(message.Headers)
        {
            [EventHeaders.Error] = last!.Message,
            [EventHeaders.ErrorType] = last.GetType().FullName ?? last.GetType().Name,
            [EventHeaders.OriginalTopic] = message.Topic ?? string.Empty,
            [EventHeaders.OriginalPartition] = message.Partition.ToString(CultureInfo.InvariantCulture),
            [EventHeaders.OriginalOffset] = message.Offset.ToString(CultureInfo.InvariantCulture),
            [EventHeaders.Attempts] = settings.MaxAttempts.ToString(CultureInfo.InvariantCulture),
        };
        return new StreamEvent { Type = message.Type, Version = message.Version, Key = message.Key, Payload = message.Payload, Headers = headers };
    }

    public string DeadLetterTopic(string topic) => topic + settings.DeadLetterSuffix;

    public static void Validate(string topic, string operation)
    {
        if (string.IsNullOrEmpty(topic) || topic.Length > 249 || !topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') || topic is "." or "..")
        {
            throw new AiPlatformValidationException("events", operation,
                $"events {operation} rejected: the topic '{topic}' must be 1 to 249 ASCII letters, digits, '.', '_' or '-'", errorCode: "InvalidTopic");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing to {Topic} failed: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler failed on {Topic}[{Partition}]@{Offset}, attempt {Attempt} of {MaxAttempts}: {Error}")]
    private static partial void LogHandlerFailed(ILogger logger, string? topic, int partition, long offset, int attempt, int maxAttempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown returned {Topic}[{Partition}]@{Offset} unacknowledged")]
    private static partial void LogReturned(ILogger logger, string? topic, int partition, long offset);
}
