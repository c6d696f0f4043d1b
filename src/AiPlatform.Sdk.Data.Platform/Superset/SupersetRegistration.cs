using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        Transport = static (platform, name) =>
        {
            var session = name.ToString();
            platform.Services.AddKeyedSingleton(session, (sp, _) => new SupersetSession(
                sp.GetRequiredService<IOptionsMonitor<SupersetSettings>>().Get(name.OptionsName),
                () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(name.With("auth")),
                sp.GetService<TimeProvider>() ?? TimeProvider.System));

            // The session cookie is the CSRF token's, kept by the session and sent by hand; no client keeps cookies of its own.
            platform.AddPlatformHttpClient<SupersetSettings>(name.ToString(), name.Key)
                .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { UseCookies = false })
                .AddHttpMessageHandler(sp => new SupersetAuthenticationHandler(sp.GetRequiredKeyedService<SupersetSession>(session)));

            // Login, refresh and the CSRF token: the same pipeline without Superset's credentials.
            platform.AddPlatformHttpClient<SupersetSettings>(name.With("auth"), name.Key)
                .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { UseCookies = false });
        },
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
