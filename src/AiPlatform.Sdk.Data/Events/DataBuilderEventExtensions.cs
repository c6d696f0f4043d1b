using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>Registers the event stream, typed publishers and consumers.</summary>
public static class DataBuilderEventExtensions
{
    private static readonly ClientRegistration<IEventStream, EventStreamSettings> Client = new()
    {
        Part = "events",
        SectionPath = EventStreamSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Create = Create,
        HealthCheck = static (stream, _) => new ProbeHealthCheck((IHealthProbe)stream, "event stream"),
    };

    /// <summary>
    /// Registers <see cref="IEventStream"/> from <c>AiPlatform:Data:Events</c>: Kafka when <c>ConnectionString</c> (the bootstrap servers)
    /// is set, otherwise the in-process bus. Adds the health check <c>aiplatform-events</c> and the gauge <c>aiplatform.events.consumer.lag</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddEventStream(this DataBuilder data, Action<EventStreamSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Platform.AddClient(Client, null, configure);
        return data;
    }

    /// <summary>
    /// Registers a keyed <see cref="IEventStream"/> from <c>AiPlatform:Data:Events</c> overridden by its sub-section
    /// <c>AiPlatform:Data:Events:{key}</c> (a second Kafka cluster, or a separate in-process bus), resolved with
    /// <c>[FromKeyedServices(key)]</c>, with the health check <c>aiplatform-events-{key}</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddKeyedEventStream(this DataBuilder data, string key, Action<EventStreamSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(key);
        data.Platform.AddClient(Client, key, configure);
        return data;
    }

    /// <summary>Registers <see cref="IEventPublisher{T}"/> for <paramref name="topic"/>.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="data">The Data builder.</param>
    /// <param name="topic">The topic and its payload's JSON contract.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddEventPublisher<T>(this DataBuilder data, EventTopic<T> topic)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(topic);
        data.Services.TryAddSingleton<IEventPublisher<T>>(sp => new EventPublisher<T>(sp.GetRequiredService<IEventStream>(), topic));
        return data;
    }

    /// <summary>
    /// Runs <paramref name="handler"/> on every event of <paramref name="topic"/> as a hosted service in consumer group <paramref name="group"/>,
    /// each call in its own service scope. A handler that throws is retried with backoff, then its event is dead-lettered.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="data">The Data builder.</param>
    /// <param name="topic">The topic and its payload's JSON contract.</param>
    /// <param name="group">The consumer group.</param>
    /// <param name="handler">Handles one payload: the scoped services, the payload, the raw event and the shutdown token.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddEventConsumer<T>(
        this DataBuilder data, EventTopic<T> topic, string group, Func<IServiceProvider, T, StreamEvent, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(handler);
        data.Services.AddSingleton<IHostedService>(sp => new EventConsumerService<T>(sp, topic, group, handler));
        return data;
    }

    private static IEventStream Create(ClientContext<EventStreamSettings> context)
    {
        var settings = context.Settings;
        var telemetry = context.Services.GetRequiredKeyedService<LayerTelemetry>(AiPlatformTelemetry.Data);
        var lag = new ConsumerLag(telemetry.Meter, !settings.DisableMetrics);
        if (settings.IsKafka)
        {
            var kafka = new EventDispatcher(settings, context.Instrumentation<KafkaEventStream>("kafka"), context.Logger<KafkaEventStream>(), context.Time);
            return new KafkaEventStream(kafka, lag, context.Logger<KafkaEventStream>());
        }

        var bus = new EventDispatcher(
            settings, context.Instrumentation<InProcessEventStream>("in-process-events"), context.Logger<InProcessEventStream>(), context.Time);
        return new InProcessEventStream(bus, lag);
    }
}
