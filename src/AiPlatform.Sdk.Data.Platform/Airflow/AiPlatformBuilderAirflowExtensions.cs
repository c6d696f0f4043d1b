using AiPlatform.Sdk.Data.Platform.Airflow;
using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace AiPlatform.Sdk;

/// <summary>Registers the Apache Airflow client.</summary>
public static class AiPlatformBuilderAirflowExtensions
{
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(AirflowJsonContext.Default.Options));

    private static readonly ClientRegistration<IAirflowClient, AirflowSettings> Client = new()
    {
        Part = "airflow",
        SectionPath = AirflowSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Transport = static (platform, name) =>
        {
            var session = name.ToString();
            platform.Services.AddKeyedSingleton(session, (sp, _) => new AirflowSession(
                sp.GetRequiredService<IOptionsMonitor<AirflowSettings>>().Get(name.OptionsName),
                () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(name.With("auth")),
                sp.GetService<TimeProvider>() ?? TimeProvider.System));
            platform.AddPlatformHttpClient<AirflowSettings>(name.ToString(), name.Key)
                .AddHttpMessageHandler(sp => new AirflowAuthenticationHandler(sp.GetRequiredKeyedService<AirflowSession>(session)));

            // Version detection and /auth/token: the same pipeline without Airflow's credentials.
            platform.AddPlatformHttpClient<AirflowSettings>(name.With("auth"), name.Key);
        },
        Create = static context => new AirflowClient(
            RestService.For<IAirflowApi>(context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString()), Refit),
            context.Services.GetRequiredKeyedService<AirflowSession>(context.Name.ToString()),
            new ServiceCalls(AirflowClient.Service, context.Instrumentation<AirflowClient>(AirflowClient.Service, context.Settings.Endpoint), AirflowClient.MapValidation),
            context.Time),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            var health = await client.GetHealthAsync(ct).ConfigureAwait(false);
            return health.IsHealthy ? null : $"Airflow reports metadatabase '{health.MetadatabaseStatus}', scheduler '{health.SchedulerStatus}'.";
        }),
    };

    /// <summary>
    /// Registers the default <see cref="IAirflowClient"/> bound to <c>AiPlatform:DataPlatform:Airflow</c> (see <see cref="AirflowSettings"/>)
    /// on the platform's HTTP pipeline, with Airflow 2's Basic credentials or Airflow 3's cached JWT when a user is configured, and the
    /// readiness check <c>aiplatform-airflow</c> (Airflow's health: database and scheduler). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddAirflow(this AiPlatformBuilder builder, Action<AirflowSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClient(Client, null, configure);
    }

    /// <summary>
    /// Registers a keyed <see cref="IAirflowClient"/> (a second Airflow) bound to <c>AiPlatform:DataPlatform:Airflow</c> overridden by its
    /// <c>:{key}</c> sub-section, with the readiness check <c>aiplatform-airflow-{key}</c>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedAirflow(this AiPlatformBuilder builder, string key, Action<AirflowSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return builder.AddClient(Client, key, configure);
    }
}
