using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
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
        Transport = static (platform, name) => ClientParts.SessionTransport<LabelStudioSettings, LabelStudioCredentials>(
            platform, name, static (settings, http, time) => new LabelStudioCredentials(settings, http, time),
            static credentials => new LabelStudioAuthenticationHandler(credentials)),
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
