using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Airflow;

/// <summary>How the Airflow client is registered through Core's primitive (one declaration for <c>AddAirflow</c> and <c>AddKeyedAirflow</c>).</summary>
internal static class AirflowRegistration
{
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(AirflowJsonContext.Default.Options));

    internal static readonly ClientRegistration<IAirflowClient, AirflowSettings> Client = new()
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
            ClientParts.Api<IAirflowApi, AirflowSettings>(context, Refit),
            context.Services.GetRequiredKeyedService<AirflowSession>(context.Name.ToString()),
            ClientParts.Calls<AirflowClient, AirflowSettings>(context, AirflowClient.Service, AirflowClient.MapValidation),
            context.Time),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            var health = await client.GetHealthAsync(ct).ConfigureAwait(false);
            return health.IsHealthy ? null : $"Airflow reports metadatabase '{health.MetadatabaseStatus}', scheduler '{health.SchedulerStatus}'.";
        }),
    };
}
