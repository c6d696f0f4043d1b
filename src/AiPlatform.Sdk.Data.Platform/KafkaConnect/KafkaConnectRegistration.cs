using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
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
        Transport = static (platform, name) => ClientParts.BasicTransport<KafkaConnectSettings>(
            platform, name, static s => (s.Username, s.Password), static o => o.ConfigureResilience = RebalanceRetry.Apply),
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
