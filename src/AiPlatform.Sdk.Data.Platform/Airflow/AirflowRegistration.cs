using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
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
        Transport = static (platform, name) => ClientParts.SessionTransport<AirflowSettings, AirflowSession>(
            platform, name, static (settings, http, time) => new AirflowSession(settings, http, time), static session => new AirflowAuthenticationHandler(session)),
        Create = static context => new AirflowClient(
            ClientParts.Api<IAirflowApi, AirflowSettings>(context, Refit),
            ClientParts.Session<AirflowSession, AirflowSettings>(context),
            ClientParts.Calls<AirflowClient, AirflowSettings>(context, AirflowClient.Service, AirflowClient.MapValidation),
            context.Time),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            var health = await client.GetHealthAsync(ct).ConfigureAwait(false);
            return health.IsHealthy ? null : $"Airflow reports metadatabase '{health.MetadatabaseStatus}', scheduler '{health.SchedulerStatus}'.";
        }),
    };
}
