using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.KafkaConnect;

/// <summary>How the KafkaConnect client is registered through Core's primitive (one declaration for <c>AddKafkaConnect</c> and <c>AddKeyedKafkaConnect</c>).</summary>
internal static class KafkaConnectRegistration
{
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(KafkaConnectJsonContext.Default.Options));

    internal static readonly ClientRegistration<IKafkaConnectClient, KafkaConnectSettings> Client = new()
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
            ClientParts.Api<IKafkaConnectApi, KafkaConnectSettings>(context, Refit),
            ClientParts.Calls<KafkaConnectClient, KafkaConnectSettings>(context, KafkaConnectClient.Service)),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            await client.GetClusterInfoAsync(ct).ConfigureAwait(false);
            return null;
        }),
    };
}
