using System.Net;
using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Data.Platform.Flume;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace AiPlatform.Sdk;

/// <summary>Registers the Flume HTTP source client.</summary>
public static class AiPlatformBuilderFlumeExtensions
{
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(FlumeJsonContext.Default.Options));

    private static readonly ClientRegistration<IFlumeClient, FlumeSettings> Client = new()
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
            RestService.For<IFlumeApi>(context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString()), Refit),
            new ServiceCalls(FlumeClient.Service, context.Instrumentation<FlumeClient>(FlumeClient.Service, context.Settings.Endpoint)),
            context.Settings.MaxBatchSize),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            await ((FlumeClient)client).ProbeAsync(ct).ConfigureAwait(false);
            return null;
        }),
    };

    /// <summary>
    /// Registers the default <see cref="IFlumeClient"/> bound to <c>AiPlatform:DataPlatform:Flume</c> (see <see cref="FlumeSettings"/>) on
    /// the platform's HTTP pipeline, with batches refused by a full channel (503) retried, and the readiness check <c>aiplatform-flume</c>
    /// (an empty batch). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddFlume(this AiPlatformBuilder builder, Action<FlumeSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClient(Client, null, configure);
    }

    /// <summary>
    /// Registers a keyed <see cref="IFlumeClient"/> (another agent) bound to <c>AiPlatform:DataPlatform:Flume</c> overridden by its
    /// <c>:{key}</c> sub-section, with the readiness check <c>aiplatform-flume-{key}</c>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedFlume(this AiPlatformBuilder builder, string key, Action<FlumeSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return builder.AddClient(Client, key, configure);
    }
}
