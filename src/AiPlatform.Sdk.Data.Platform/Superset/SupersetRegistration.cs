using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Superset;

/// <summary>How the Superset client is registered through Core's primitive (one declaration for <c>AddSuperset</c> and <c>AddKeyedSuperset</c>).</summary>
internal static class SupersetRegistration
{
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(SupersetJsonContext.Default.Options));

    internal static readonly ClientRegistration<ISupersetClient, SupersetSettings> Client = new()
    {
        Part = "superset",
        SectionPath = SupersetSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        // The session cookie is the CSRF token's, kept by the session and sent by hand; neither HTTP client keeps cookies of its own.
        Transport = static (platform, name) => ClientParts.SessionTransport<SupersetSettings, SupersetSession>(
            platform, name, static (settings, http, time) => new SupersetSession(settings, http, time), static session => new SupersetAuthenticationHandler(session),
            static http => http.ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { UseCookies = false })),
        Create = static context => new SupersetClient(
            ClientParts.Api<ISupersetApi, SupersetSettings>(context, Refit),
            ClientParts.Calls<SupersetClient, SupersetSettings>(context, SupersetClient.Service),
            context.Settings),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            await using var dashboards = client.ListDashboardsAsync(ct).GetAsyncEnumerator(ct);
            await dashboards.MoveNextAsync().ConfigureAwait(false);
            return null;
        }),
    };
}
