using System.Net;
using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Flume;

/// <summary>How the Flume client is registered through Core's primitive (one declaration for <c>AddFlume</c> and <c>AddKeyedFlume</c>).</summary>
internal static class FlumeRegistration
{
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(FlumeJsonContext.Default.Options));

    internal static readonly ClientRegistration<IFlumeClient, FlumeSettings> Client = new()
    {
        Part = "flume",
        SectionPath = FlumeSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Transport = static (platform, name) => platform.AddPlatformHttpClient<FlumeSettings>(name.ToString(), name.Key, o => o.ConfigureResilience = resilience =>
        {
            // A 503 means the channel refused the whole batch (the transaction rolled back): sending it again cannot duplicate events.
            var otherwise = resilience.Retry.ShouldHandle;
            resilience.Retry.ShouldHandle = args => args.Outcome.Result?.StatusCode == HttpStatusCode.ServiceUnavailable
                ? ValueTask.FromResult(true)
                : otherwise(args);
        }),
        Create = static context => new FlumeClient(
            ClientParts.Api<IFlumeApi, FlumeSettings>(context, Refit),
            ClientParts.Calls<FlumeClient, FlumeSettings>(context, FlumeClient.Service),
            context.Settings.MaxBatchSize),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            await ((FlumeClient)client).ProbeAsync(ct).ConfigureAwait(false);
            return null;
        }),
    };
}
