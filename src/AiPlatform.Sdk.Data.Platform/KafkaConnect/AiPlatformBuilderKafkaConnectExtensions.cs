using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Data.Platform.KafkaConnect;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace AiPlatform.Sdk;

/// <summary>Registers the Kafka Connect client.</summary>
public static class AiPlatformBuilderKafkaConnectExtensions
{
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(KafkaConnectJsonContext.Default.Options));

    private static readonly ClientRegistration<IKafkaConnectClient, KafkaConnectSettings> Client = new()
    {
        Part = "kafka-connect",
        SectionPath = KafkaConnectSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Transport = static (platform, name) =>
            platform.AddPlatformHttpClient<KafkaConnectSettings>(name.ToString(), name.Key, o => o.ConfigureResilience = RebalanceRetry.Apply)
                .AddHttpMessageHandler(sp =>
                {
                    var settings = sp.GetRequiredService<IOptionsMonitor<KafkaConnectSettings>>().Get(name.OptionsName);
                    return new BasicAuthenticationHandler(settings.Username, settings.Password);
                }),
        Create = static context => new KafkaConnectClient(
            RestService.For<IKafkaConnectApi>(context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString()), Refit),
            new ServiceCalls(KafkaConnectClient.Service, context.Instrumentation<KafkaConnectClient>(KafkaConnectClient.Service, context.Settings.Endpoint))),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            await client.GetClusterInfoAsync(ct).ConfigureAwait(false);
            return null;
        }),
    };

    /// <summary>
    /// Registers the default <see cref="IKafkaConnectClient"/> bound to <c>AiPlatform:DataPlatform:KafkaConnect</c> (see
    /// <see cref="KafkaConnectSettings"/>) on the platform's HTTP pipeline, with rebalance 409s retried for every verb, Basic
    /// credentials when a user name is configured, and the readiness check <c>aiplatform-kafka-connect</c> (<c>GET /</c>).
    /// Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKafkaConnect(this AiPlatformBuilder builder, Action<KafkaConnectSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClient(Client, null, configure);
    }

    /// <summary>
    /// Registers a keyed <see cref="IKafkaConnectClient"/> (a second Connect cluster) bound to <c>AiPlatform:DataPlatform:KafkaConnect</c>
    /// overridden by its <c>:{key}</c> sub-section, with the readiness check <c>aiplatform-kafka-connect-{key}</c>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedKafkaConnect(this AiPlatformBuilder builder, string key, Action<KafkaConnectSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return builder.AddClient(Client, key, configure);
    }
}
