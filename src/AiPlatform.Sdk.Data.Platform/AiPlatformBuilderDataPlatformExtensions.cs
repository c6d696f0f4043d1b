using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Data.Platform.Airflow;
using AiPlatform.Sdk.Data.Platform.Cvat;
using AiPlatform.Sdk.Data.Platform.Flink;
using AiPlatform.Sdk.Data.Platform.Flume;
using AiPlatform.Sdk.Data.Platform.KafkaConnect;
using AiPlatform.Sdk.Data.Platform.LabelStudio;
using AiPlatform.Sdk.Data.Platform.SparkConnect;
using AiPlatform.Sdk.Data.Platform.Superset;
using AiPlatform.Sdk.Registration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiPlatform.Sdk;

/// <summary>
/// Adds the data-platform clients: each through Core's one registration primitive (<c>AddX()</c> and <c>AddKeyedX(key)</c> share one
/// declaration), with settings under <c>AiPlatform:DataPlatform:&lt;System&gt;</c> validated at start-up, the readiness check
/// <c>aiplatform-{part}[-{key}]</c> and telemetry on <c>AiPlatform.Data</c>.
/// </summary>
public static class AiPlatformBuilderDataPlatformExtensions
{
    /// <summary>
    /// Applies the switch rule to <c>AiPlatform:DataPlatform</c>: each system whose <c>Endpoint</c> is set is registered (<see cref="AddKafkaConnect"/>,
    /// <see cref="AddAirflow"/>, <see cref="AddFlume"/>, <see cref="AddLabelStudio"/>, <see cref="AddSuperset"/>, <see cref="AddFlink"/>, <see cref="AddCvat"/>, <see cref="AddSparkConnect"/>), and no other. These systems have no embedded default, so nothing is registered
    /// for a section without an endpoint. Calling it again adds nothing.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddDataPlatform(this AiPlatformBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.IsRemote(KafkaConnectSettings.SectionPath))
        {
            builder.AddKafkaConnect();
        }

        if (builder.IsRemote(AirflowSettings.SectionPath))
        {
            builder.AddAirflow();
        }

        if (builder.IsRemote(FlumeSettings.SectionPath))
        {
            builder.AddFlume();
        }

        if (builder.IsRemote(LabelStudioSettings.SectionPath))
        {
            builder.AddLabelStudio();
        }

        if (builder.IsRemote(SupersetSettings.SectionPath))
        {
            builder.AddSuperset();
        }

        if (builder.IsRemote(FlinkSettings.SectionPath))
        {
            builder.AddFlink();
        }

        if (builder.IsRemote(CvatSettings.SectionPath))
        {
            builder.AddCvat();
        }

        if (builder.IsRemote(SparkConnectSettings.SectionPath))
        {
            builder.AddSparkConnect();
        }

        return builder;
    }

    /// <summary>
    /// Registers the default <see cref="IKafkaConnectClient"/> bound to <c>AiPlatform:DataPlatform:KafkaConnect</c> (see <see cref="KafkaConnectSettings"/>),
    /// with rebalance 409s retried for every verb, Basic credentials when a user name is configured, and the readiness check
    /// <c>aiplatform-kafka-connect</c> (<c>GET /</c>). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKafkaConnect(this AiPlatformBuilder builder, Action<KafkaConnectSettings>? configure = null) =>
        Add(builder, KafkaConnectRegistration.Client, null, configure);

    /// <summary>Registers a keyed <see cref="IKafkaConnectClient"/> (another Connect cluster) that reads the <c>:{key}</c> sub-section over the shared one; readiness check <c>aiplatform-kafka-connect-{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedKafkaConnect(this AiPlatformBuilder builder, string key, Action<KafkaConnectSettings>? configure = null) =>
        Add(builder, KafkaConnectRegistration.Client, Key(key), configure);

    /// <summary>
    /// Registers the default <see cref="IAirflowClient"/> bound to <c>AiPlatform:DataPlatform:Airflow</c> (see <see cref="AirflowSettings"/>), with
    /// Airflow 2's Basic credentials or Airflow 3's cached JWT when a user is configured, and the readiness check <c>aiplatform-airflow</c>
    /// (Airflow's health: database and scheduler). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddAirflow(this AiPlatformBuilder builder, Action<AirflowSettings>? configure = null) =>
        Add(builder, AirflowRegistration.Client, null, configure);

    /// <summary>Registers a keyed <see cref="IAirflowClient"/> (another Airflow) that reads the <c>:{key}</c> sub-section over the shared one; readiness check <c>aiplatform-airflow-{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedAirflow(this AiPlatformBuilder builder, string key, Action<AirflowSettings>? configure = null) =>
        Add(builder, AirflowRegistration.Client, Key(key), configure);

    /// <summary>
    /// Registers the default <see cref="IFlumeClient"/> bound to <c>AiPlatform:DataPlatform:Flume</c> (see <see cref="FlumeSettings"/>), with batches
    /// refused by a full channel (503) retried, and the readiness check <c>aiplatform-flume</c> (an empty batch). Calling it again only
    /// applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddFlume(this AiPlatformBuilder builder, Action<FlumeSettings>? configure = null) =>
        Add(builder, FlumeRegistration.Client, null, configure);

    /// <summary>Registers a keyed <see cref="IFlumeClient"/> (another agent) that reads the <c>:{key}</c> sub-section over the shared one; readiness check <c>aiplatform-flume-{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedFlume(this AiPlatformBuilder builder, string key, Action<FlumeSettings>? configure = null) =>
        Add(builder, FlumeRegistration.Client, Key(key), configure);

    /// <summary>
    /// Registers the Data layer's <see cref="IEventPublisher{T}"/> for <paramref name="topic"/> on a Flume HTTP source: keyed by the topic's
    /// name (<c>[FromKeyedServices("clicks")] IEventPublisher&lt;Click&gt;</c>), and as the default <see cref="IEventPublisher{T}"/> unless one
    /// is registered already (a Kafka topic of the same payload through <c>AddEventPublisher</c>, for example). Each event is sent as it is
    /// published, with the <c>topic</c> and <c>key</c> headers Flume's Kafka sink routes by. Adds the Flume client it sends through:
    /// <see cref="AddFlume"/>, or <see cref="AddKeyedFlume"/> when <paramref name="flume"/> names an agent.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="builder">The platform builder.</param>
    /// <param name="topic">The topic and its payload's JSON contract.</param>
    /// <param name="flume">The key of the Flume agent (<c>AiPlatform:DataPlatform:Flume:{key}</c>); the default agent when <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddFlumeEventPublisher<T>(this AiPlatformBuilder builder, EventTopic<T> topic, string? flume = null)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var platform = flume is null ? builder.AddFlume() : builder.AddKeyedFlume(flume);
        IEventPublisher<T> Create(IServiceProvider sp) => new FlumeEventPublisher<T>(
            flume is null ? sp.GetRequiredService<IFlumeClient>() : sp.GetRequiredKeyedService<IFlumeClient>(flume), topic);
        platform.Services.TryAddKeyedSingleton(topic.Name, (sp, _) => Create(sp));
        platform.Services.TryAddSingleton(Create);
        return platform;
    }

    /// <summary>
    /// Registers the default <see cref="ILabelStudioClient"/> bound to <c>AiPlatform:DataPlatform:LabelStudio</c> (see <see cref="LabelStudioSettings"/>),
    /// sending the legacy token as <c>Token</c> or exchanging a personal access token for bearer tokens, and the readiness check
    /// <c>aiplatform-label-studio</c> (the first page of projects). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddLabelStudio(this AiPlatformBuilder builder, Action<LabelStudioSettings>? configure = null) =>
        Add(builder, LabelStudioRegistration.Client, null, configure);

    /// <summary>Registers a keyed <see cref="ILabelStudioClient"/> (another server or user) that reads the <c>:{key}</c> sub-section over the shared one; readiness check <c>aiplatform-label-studio-{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedLabelStudio(this AiPlatformBuilder builder, string key, Action<LabelStudioSettings>? configure = null) =>
        Add(builder, LabelStudioRegistration.Client, Key(key), configure);

    /// <summary>
    /// Registers the default <see cref="ISupersetClient"/> bound to <c>AiPlatform:DataPlatform:Superset</c> (see <see cref="SupersetSettings"/>),
    /// logging in with the configured user, sending writes with the CSRF token and its session cookie, and the readiness check
    /// <c>aiplatform-superset</c> (the first page of dashboards). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddSuperset(this AiPlatformBuilder builder, Action<SupersetSettings>? configure = null) =>
        Add(builder, SupersetRegistration.Client, null, configure);

    /// <summary>Registers a keyed <see cref="ISupersetClient"/> (another server or user) that reads the <c>:{key}</c> sub-section over the shared one; readiness check <c>aiplatform-superset-{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedSuperset(this AiPlatformBuilder builder, string key, Action<SupersetSettings>? configure = null) =>
        Add(builder, SupersetRegistration.Client, Key(key), configure);

    /// <summary>
    /// Registers the default <see cref="IFlinkClient"/> bound to <c>AiPlatform:DataPlatform:Flink</c> (see <see cref="FlinkSettings"/>), with
    /// Basic credentials for an authenticating proxy when a user name is configured, and the readiness check <c>aiplatform-flink</c>
    /// (<c>GET /config</c>). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddFlink(this AiPlatformBuilder builder, Action<FlinkSettings>? configure = null) =>
        Add(builder, FlinkRegistration.Client, null, configure);

    /// <summary>Registers a keyed <see cref="IFlinkClient"/> (another Flink cluster) that reads the <c>:{key}</c> sub-section over the shared one; readiness check <c>aiplatform-flink-{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedFlink(this AiPlatformBuilder builder, string key, Action<FlinkSettings>? configure = null) =>
        Add(builder, FlinkRegistration.Client, Key(key), configure);

    /// <summary>
    /// Registers the default <see cref="ICvatClient"/> bound to <c>AiPlatform:DataPlatform:Cvat</c> (see <see cref="CvatSettings"/>), sending
    /// the API token as <c>Token</c> or Basic credentials and the organization as <c>X-Organization</c>, and the readiness check
    /// <c>aiplatform-cvat</c> (the server's formats). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddCvat(this AiPlatformBuilder builder, Action<CvatSettings>? configure = null) =>
        Add(builder, CvatRegistration.Client, null, configure);

    /// <summary>Registers a keyed <see cref="ICvatClient"/> (another server, user or organization) that reads the <c>:{key}</c> sub-section over the shared one; readiness check <c>aiplatform-cvat-{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedCvat(this AiPlatformBuilder builder, string key, Action<CvatSettings>? configure = null) =>
        Add(builder, CvatRegistration.Client, Key(key), configure);

    /// <summary>
    /// Registers the default <see cref="ISparkConnectClient"/> bound to <c>AiPlatform:DataPlatform:SparkConnect</c> (see <see cref="SparkConnectSettings"/>),
    /// on Core's gRPC channel (unavailable servers retried, the platform's bearer token), one Spark session per client, and the readiness
    /// check <c>aiplatform-spark-connect</c> (a configuration read). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddSparkConnect(this AiPlatformBuilder builder, Action<SparkConnectSettings>? configure = null) =>
        Add(builder, SparkConnectRegistration.Client, null, configure);

    /// <summary>Registers a keyed <see cref="ISparkConnectClient"/> (another server, user or session) that reads the <c>:{key}</c> sub-section over the shared one; readiness check <c>aiplatform-spark-connect-{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedSparkConnect(this AiPlatformBuilder builder, string key, Action<SparkConnectSettings>? configure = null) =>
        Add(builder, SparkConnectRegistration.Client, Key(key), configure);

    private static AiPlatformBuilder Add<TService, TSettings>(
        AiPlatformBuilder builder, ClientRegistration<TService, TSettings> client, string? key, Action<TSettings>? configure)
        where TService : class
        where TSettings : AiPlatformClientSettings
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClient(client, key, configure);
    }

    private static string Key(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return key;
    }
}
