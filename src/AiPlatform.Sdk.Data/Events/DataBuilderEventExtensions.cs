using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>Registers the event stream, typed publishers and consumers.</summary>
public static class DataBuilderEventExtensions
{
    /// <summary>
    /// Registers <see cref="IEventStream"/> from <c>AiPlatform:Data:Events</c>: Kafka when <c>BootstrapServers</c> is set, otherwise the
    /// in-process bus. Adds the health check <c>aiplatform-events</c> and the gauge <c>aiplatform.events.consumer.lag</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddEventStream(this DataBuilder data, Action<EventStreamSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var platform = data.Platform;
        platform.AddLayerTelemetry(AiPlatformTelemetry.Data);
        platform.AddSettings(EventStreamSettings.SectionPath, configure);
        platform.Services.TryAddSingleton<IEventStream>(Create);
        if (!DataServices.Snapshot(platform, EventStreamSettings.SectionPath, null, configure).DisableHealthChecks)
        {
            platform.AddPlatformHealthCheck(DataServices.HealthCheckName("events", null),
                sp => new ProbeHealthCheck((IHealthProbe)sp.GetRequiredService<IEventStream>(), "event stream"));
        }

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

    private static IEventStream Create(IServiceProvider services)
    {
        var settings = DataServices.Settings<EventStreamSettings>(services, null);
        var telemetry = services.GetRequiredKeyedService<LayerTelemetry>(AiPlatformTelemetry.Data);
        var lag = new ConsumerLag(telemetry.Meter, !settings.DisableMetrics);
        if (settings.IsKafka)
        {
            var kafka = new EventDispatcher(settings, DataServices.Instrumentation<KafkaEventStream>(services, settings, "kafka"),
                DataServices.Logger<KafkaEventStream>(services), DataServices.Time(services));
            return new KafkaEventStream(kafka, lag, DataServices.Logger<KafkaEventStream>(services));
        }

        var bus = new EventDispatcher(settings, DataServices.Instrumentation<InProcessEventStream>(services, settings, "in-process-events"),
            DataServices.Logger<InProcessEventStream>(services), DataServices.Time(services));
        return new InProcessEventStream(bus, lag);
    }
}
