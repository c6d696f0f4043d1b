using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Vector.Weaviate;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk;

/// <summary>Registers the Weaviate vector store.</summary>
public static class AiPlatformBuilderWeaviateExtensions
{
    /// <summary>The name of the REST client and of the health check (<c>aiplatform-weaviate</c>).</summary>
    public const string ClientName = "aiplatform-weaviate";

    /// <summary>The name of the gRPC client (<c>aiplatform-weaviate-grpc</c>).</summary>
    public const string GrpcClientName = "aiplatform-weaviate-grpc";

    /// <summary>
    /// Registers <see cref="WeaviateVectorStore"/> as the application's <see cref="VectorStore"/>, configured from
    /// <c>AiPlatform:Vector:Weaviate</c> (see <see cref="WeaviateSettings"/>) and then <paramref name="configure"/>; REST calls go
    /// through the platform's HTTP pipeline, gRPC calls through its gRPC client (retry on UNAVAILABLE, bearer token). The
    /// registered <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, if any, embeds text properties and text queries.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddWeaviateVectorStore(this AiPlatformBuilder builder, Action<WeaviateSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings(WeaviateSettings.SectionPath, configure);
        builder.AddSettings<WeaviateGrpcSettings>(WeaviateSettings.SectionPath);
        builder.Services.AddOptions<WeaviateGrpcSettings>()
            .PostConfigure<IOptions<WeaviateSettings>>((grpc, settings) => grpc.CopyFrom(settings.Value));
        builder.AddPlatformHttpClient<WeaviateSettings>(ClientName);
        builder.AddPlatformGrpcClient<Vector.Weaviate.Protocol.Weaviate.WeaviateClient, WeaviateGrpcSettings>(GrpcClientName);
        builder.Services.TryAddSingleton(sp => new WeaviateVectorStore(
            new WeaviateTransport(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName),
                sp.GetRequiredService<Grpc.Net.ClientFactory.GrpcClientFactory>().CreateClient<Vector.Weaviate.Protocol.Weaviate.WeaviateClient>(GrpcClientName),
                sp.GetRequiredService<IOptions<WeaviateSettings>>().Value,
                sp.GetRequiredService<ILogger<WeaviateTransport>>()),
            sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<VectorStore>(sp => sp.GetRequiredService<WeaviateVectorStore>()));
        if (!builder.ReadSettings(WeaviateSettings.SectionPath, configure).DisableHealthChecks)
        {
            builder.AddPlatformHealthCheck(ClientName, sp => new WeaviateHealthCheck(sp.GetRequiredService<IHttpClientFactory>()));
        }

        return builder;
    }
}
