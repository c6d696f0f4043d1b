using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Vector.Weaviate;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using WeaviateGrpc = AiPlatform.Sdk.Vector.Weaviate.Protocol.Weaviate;

namespace AiPlatform.Sdk;

/// <summary>Registers the Weaviate vector store.</summary>
public static class AiPlatformBuilderWeaviateExtensions
{
    /// <summary>The name of the default store's health check (<c>aiplatform-weaviate</c>).</summary>
    public const string HealthCheckName = "aiplatform-weaviate";

    private static readonly ClientRegistration<WeaviateVectorStore, WeaviateSettings> Client = new()
    {
        Part = "weaviate",
        SectionPath = WeaviateSettings.SectionPath,
        Layer = AiPlatformTelemetry.Vector,
        Transport = static (platform, name) =>
        {
            platform.AddSettings<WeaviateGrpcSettings>(WeaviateSettings.SectionPath, name: name.Key);
            platform.Services.AddOptions<WeaviateGrpcSettings>(name.OptionsName).PostConfigure<IOptionsMonitor<WeaviateSettings>>(
                (grpc, settings) => grpc.CopyFrom(settings.Get(name.OptionsName)));
            platform.AddPlatformHttpClient<WeaviateSettings>(name.ToString(), name.Key);
            platform.AddPlatformGrpcClient<WeaviateGrpc.WeaviateClient, WeaviateGrpcSettings>(name.With("grpc"), name.Key);
        },
        Create = static context => new WeaviateVectorStore(
            new WeaviateTransport(
                context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString()),
                context.Services.GetRequiredService<Grpc.Net.ClientFactory.GrpcClientFactory>().CreateClient<WeaviateGrpc.WeaviateClient>(context.Name.With("grpc")),
                context.Settings,
                context.Services.GetRequiredService<ILogger<WeaviateTransport>>()),
            context.Services.GetService<IEmbeddingGenerator<string, Embedding<float>>>()),
        HealthCheck = static (_, context) => new WeaviateHealthCheck(context.Services.GetRequiredService<IHttpClientFactory>(), context.Name.ToString()),
    };

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
        builder.AddClient(Client, null, configure);
        builder.Services.Replace(ServiceDescriptor.Singleton<VectorStore>(sp => sp.GetRequiredService<WeaviateVectorStore>()));
        return builder;
    }

    /// <summary>
    /// Registers a keyed <see cref="WeaviateVectorStore"/> and <see cref="VectorStore"/> bound to <c>AiPlatform:Vector:Weaviate</c>
    /// overridden by its <c>:{key}</c> sub-section, with the readiness check <c>aiplatform-weaviate-{key}</c>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedWeaviateVectorStore(this AiPlatformBuilder builder, string key, Action<WeaviateSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(key);
        builder.AddClient(Client, key, configure);
        builder.Services.TryAddKeyedSingleton<VectorStore>(key, (sp, k) => sp.GetRequiredKeyedService<WeaviateVectorStore>(k));
        return builder;
    }
}
