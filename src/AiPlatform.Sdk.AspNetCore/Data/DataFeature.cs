using AiPlatform.Sdk;

namespace AiPlatform.Sdk.AspNetCore.Data;

/// <summary>The Data layer in the host: object storage and event publishing over HTTP.</summary>
internal static class DataFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddAiPlatformCore(builder.Configuration).AddData();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DataHostJsonContext.Default));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        ObjectEndpoints.Map(app);
        EventEndpoints.Map(app);
    }
}
