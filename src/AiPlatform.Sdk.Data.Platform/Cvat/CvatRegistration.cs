using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Cvat;

/// <summary>How the CVAT client is registered through Core's primitive (one declaration for <c>AddCvat</c> and <c>AddKeyedCvat</c>).</summary>
internal static class CvatRegistration
{
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(CvatJsonContext.Default.Options));

    internal static readonly ClientRegistration<ICvatClient, CvatSettings> Client = new()
    {
        Part = "cvat",
        SectionPath = CvatSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Transport = static (platform, name) => platform.AddPlatformHttpClient<CvatSettings>(name.ToString(), name.Key)
            .AddHttpMessageHandler(sp => new CvatAuthenticationHandler(sp.GetRequiredService<IOptionsMonitor<CvatSettings>>().Get(name.OptionsName))),
        Create = static context => new CvatClient(
            ClientParts.Api<ICvatApi, CvatSettings>(context, Refit),
            () => context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString()),
            ClientParts.Calls<CvatClient, CvatSettings>(context, CvatClient.Service),
            context.Settings,
            context.Time),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            await ((CvatClient)client).ProbeAsync(ct).ConfigureAwait(false);
            return null;
        }),
    };
}
