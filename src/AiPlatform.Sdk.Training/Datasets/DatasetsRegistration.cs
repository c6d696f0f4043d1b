using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Datasets;

/// <summary>How <see cref="IDvcDatasets"/> is registered through Core's primitive: on the Data layer's (default or keyed) object store.</summary>
internal static class DatasetsRegistration
{
    internal static readonly ClientRegistration<IDvcDatasets, DatasetsSettings> Client = new()
    {
        Part = "dvc",
        SectionPath = DatasetsSettings.SectionPath,
        Layer = AiPlatformTelemetry.Training,
        Transport = static (platform, _) => platform.AddData(),
        Create = static context => new DvcDatasets(
            context.Settings.ObjectStore is { Length: > 0 } key
                ? context.Services.GetRequiredKeyedService<IObjectStore>(key)
                : context.Services.GetRequiredService<IObjectStore>(),
            context.Instrumentation<DvcDatasets>("dvc")),
    };
}
