using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Flink;

/// <summary>How the Flink client is registered through Core's primitive (one declaration for <c>AddFlink</c> and <c>AddKeyedFlink</c>).</summary>
internal static class FlinkRegistration
{
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(FlinkJsonContext.Default.Options));

    internal static readonly ClientRegistration<IFlinkClient, FlinkSettings> Client = new()
    {
        Part = "flink",
        SectionPath = FlinkSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Transport = static (platform, name) => ClientParts.BasicTransport<FlinkSettings>(platform, name, static s => (s.Username, s.Password)),
        Create = static context => new FlinkClient(
            ClientParts.Api<IFlinkApi, FlinkSettings>(context, Refit),
            ClientParts.Calls<FlinkClient, FlinkSettings>(context, FlinkClient.Service),
            context.Settings,
            context.Time),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            await ((FlinkClient)client).ProbeAsync(ct).ConfigureAwait(false);
            return null;
        }),
    };
}
