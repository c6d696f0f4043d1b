using AiPlatform.Sdk;

namespace AiPlatform.ReferenceHost.Features.Data;

/// <summary>The Data layer in the host: object storage and event publishing over HTTP.</summary>
internal static class DataFeature
{
    public static void AddDataFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddAiPlatformCore(builder.Configuration).AddData();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DataHostJsonContext.Default));
    }

    public static void MapDataEndpoints(this WebApplication app)
    {
        ObjectEndpoints.Map(app);
        EventEndpoints.Map(app);
    }
}
