using AiPlatform.Sdk;
using AiPlatform.Sdk.Vector.Weaviate;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The one registration a business application needs.</summary>
public static class AiPlatformServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole platform from the <c>AiPlatform</c> configuration section: Core, then every layer this package brings —
    /// Data, a <c>VectorStore</c>, Serving, Identity, Training (experiment tracking, jobs, DVC datasets) — each on its embedded default unless its section names a distributed system by
    /// setting <c>Endpoint</c> or <c>ConnectionString</c>. The store is Weaviate's when <c>AiPlatform:Vector:Weaviate</c> does so,
    /// otherwise the embedded store over the in-process Vector engine. Settings are validated at start-up. Calling it again adds nothing.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The application's root configuration.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The platform builder, to change a layer further.</returns>
    public static AiPlatformBuilder AddAiPlatform(
        this IServiceCollection services, IConfiguration configuration, Action<AiPlatformSettings>? configure = null)
    {
        var platform = services.AddAiPlatformCore(configuration, configure);
        platform.AddData();
        platform.AddDataPlatform(); // Kafka Connect, Airflow, Flume: each only when its AiPlatform:DataPlatform section sets an Endpoint
        if (platform.IsRemote(WeaviateSettings.SectionPath))
        {
            platform.AddWeaviateVectorStore();
        }
        else
        {
            platform.AddVectorStore();
        }

        platform.AddOnnxServing();
        platform.AddIdentity();
        platform.AddTraining().AddTrainingJobs().AddDvcDatasets();
        if (platform.IsRemote(AiPlatform.Sdk.Training.GitLab.GitLabSettings.SectionPath))
        {
            platform.AddGitLab();
        }
        return platform;
    }
}
