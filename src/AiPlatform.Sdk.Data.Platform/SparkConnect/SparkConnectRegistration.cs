using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Data.Platform.SparkConnect.Protocol;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.SparkConnect;

/// <summary>How the Spark Connect client is registered through Core's primitive (one declaration for <c>AddSparkConnect</c> and <c>AddKeyedSparkConnect</c>).</summary>
internal static class SparkConnectRegistration
{
    /// <summary>The configuration key the readiness check reads: every session has it, and reading it changes nothing.</summary>
    internal const string ProbeKey = "spark.sql.session.timeZone";

    internal static readonly ClientRegistration<ISparkConnectClient, SparkConnectSettings> Client = new()
    {
        Part = "spark-connect",
        SectionPath = SparkConnectSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        // Core's channel: retries of UNAVAILABLE before a response, the platform's bearer token; cancellation surfaces as itself.
        Transport = static (platform, name) => platform
            .AddPlatformGrpcClient<SparkConnectService.SparkConnectServiceClient, SparkConnectSettings>(name.ToString(), name.Key)
            .ConfigureChannel(channel => channel.ThrowOperationCanceledOnCancellation = true),
        Create = static context => new SparkConnectClient(
            context.Services.GetRequiredService<GrpcClientFactory>().CreateClient<SparkConnectService.SparkConnectServiceClient>(context.Name.ToString()),
            context.Instrumentation<SparkConnectClient>(SparkConnectClient.Service, context.Settings.Endpoint),
            context.Settings,
            context.Time),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            await client.GetConfigAsync([ProbeKey], ct).ConfigureAwait(false);
            return null;
        }),
    };
}
