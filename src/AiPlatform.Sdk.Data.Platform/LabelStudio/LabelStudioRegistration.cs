using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.LabelStudio;

/// <summary>How the Label Studio client is registered through Core's primitive (one declaration for <c>AddLabelStudio</c> and <c>AddKeyedLabelStudio</c>).</summary>
internal static class LabelStudioRegistration
{
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(LabelStudioJsonContext.Default.Options));

    internal static readonly ClientRegistration<ILabelStudioClient, LabelStudioSettings> Client = new()
    {
        Part = "label-studio",
        SectionPath = LabelStudioSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Transport = static (platform, name) =>
        {
            var credentials = name.ToString();
            platform.Services.AddKeyedSingleton(credentials, (sp, _) => new LabelStudioCredentials(
                sp.GetRequiredService<IOptionsMonitor<LabelStudioSettings>>().Get(name.OptionsName),
                () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(name.With("auth")),
                sp.GetService<TimeProvider>() ?? TimeProvider.System));
            platform.AddPlatformHttpClient<LabelStudioSettings>(name.ToString(), name.Key)
                .AddHttpMessageHandler(sp => new LabelStudioAuthenticationHandler(sp.GetRequiredKeyedService<LabelStudioCredentials>(credentials)));

            // The personal access token's exchange: the same pipeline without Label Studio's key.
            platform.AddPlatformHttpClient<LabelStudioSettings>(name.With("auth"), name.Key);
        },
        Create = static context => new LabelStudioClient(
            ClientParts.Api<ILabelStudioApi, LabelStudioSettings>(context, Refit),
            ClientParts.Calls<LabelStudioClient, LabelStudioSettings>(context, LabelStudioClient.Service),
            context.Settings,
            context.Time),
        HealthCheck = static (client, _) => new ProbeHealthCheck(async ct =>
        {
            await ((LabelStudioClient)client).ProbeAsync(ct).ConfigureAwait(false);
            return null;
        }),
    };
}
