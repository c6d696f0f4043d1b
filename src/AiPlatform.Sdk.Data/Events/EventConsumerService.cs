using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>Runs one typed consumer for the lifetime of the host; stopping the host finishes or returns the event in flight.</summary>
internal sealed class EventConsumerService<T>(
    IServiceProvider services, EventTopic<T> topic, string group, Func<IServiceProvider, T, StreamEvent, CancellationToken, Task> handler)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        services.GetRequiredService<IEventStream>().ConsumeAsync(topic.Name, group, async (message, cancellationToken) =>
        {
            var payload = JsonSerializer.Deserialize(message.Payload.Span, topic.JsonTypeInfo)
                ?? throw new JsonException($"The event at {message.Topic}[{message.Partition}]@{message.Offset} has a null payload.");
            await using var scope = services.CreateAsyncScope();
            await handler(scope.ServiceProvider, payload, message, cancellationToken).ConfigureAwait(false);
        }, stoppingToken);
}
