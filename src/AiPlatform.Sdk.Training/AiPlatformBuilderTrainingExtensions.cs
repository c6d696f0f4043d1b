using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Training;
using AiPlatform.Sdk.Training.Artifacts;
using AiPlatform.Sdk.Training.Datasets;
using AiPlatform.Sdk.Training.GitLab;
using AiPlatform.Sdk.Training.Jobs;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Training.Registry;
using AiPlatform.Sdk.Training.Sweeps;
using AiPlatform.Sdk.Training.Registry.Embedded;
using AiPlatform.Sdk.Training.Registry.Rest;
using AiPlatform.Sdk.Training.Tracking;
using AiPlatform.Sdk.Training.Tracking.Embedded;
using AiPlatform.Sdk.Training.Tracking.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace AiPlatform.Sdk;

/// <summary>Adds the Training layer to the platform.</summary>
public static class AiPlatformBuilderTrainingExtensions
{
    /// <summary>The name of the tracking store's readiness check (<c>aiplatform-tracking</c>).</summary>
    public const string HealthCheckName = "aiplatform-tracking";

    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(MlflowJsonContext.Default.Options));
    private static readonly RefitSettings RegistryRefit = new(new SystemTextJsonContentSerializer(RegistryJsonContext.Default.Options));

    private static readonly ClientRegistration<IExperimentTracker, TrackingSettings> Client = new()
    {
        Part = "tracking",
        SectionPath = TrackingSettings.SectionPath,
        Layer = AiPlatformTelemetry.Training,
        Transport = static (platform, name) =>
        {
            if (platform.IsRemote(TrackingSettings.SectionPath))
            {
                HttpTransport.Add<TrackingSettings, MlflowHttpSettings>(platform, name, s => (s.BaseAddress, s.Authenticate)).AddHttpMessageHandler(sp =>
                {
                    var settings = sp.GetRequiredService<IOptionsMonitor<TrackingSettings>>().Get(name.OptionsName);
                    return new BasicAuthenticationHandler(settings.Username, settings.Password);
                });
            }
            else
            {
                platform.AddData()
                    .AddDocumentCollection(Collections.ExperimentCollection)
                    .AddDocumentCollection(Collections.RunCollection)
                    .AddDocumentCollection(Collections.MetricHistoryCollection)
                    .AddDocumentCollection(Collections.SequenceCollection);
            }
        },
        Create = static context => context.Settings.IsRemote
            ? new MlflowTracker(
                RestService.For<IMlflowApi>(context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString()), Refit),
                context.Instrumentation<MlflowTracker>("mlflow", context.Settings.Endpoint))
            : new EmbeddedTracker(
                context.Services.GetRequiredService<IDocumentStore<ExperimentDocument>>(),
                context.Services.GetRequiredService<IDocumentStore<RunDocument>>(),
                context.Services.GetRequiredService<IDocumentStore<MetricHistoryDocument>>(),
                context.Services.GetRequiredService<IDocumentStore<SequenceDocument>>(),
                context.Instrumentation<EmbeddedTracker>("embedded-tracking"),
                context.Time),
        HealthCheck = static (tracker, _) => new ProbeHealthCheck(tracker),
    };

    // The registry lives on the tracking server (as MLflow's does): same settings, same HTTP client, no readiness check of its own.
    private static readonly ClientRegistration<IModelRegistry, TrackingSettings> Registry = new()
    {
        Part = "registry",
        SectionPath = TrackingSettings.SectionPath,
        Layer = AiPlatformTelemetry.Training,
        Transport = static (platform, _) =>
        {
            if (!platform.IsRemote(TrackingSettings.SectionPath))
            {
                platform.AddData()
                    .AddDocumentCollection(RegistryCollections.Models)
                    .AddDocumentCollection(RegistryCollections.Versions);
            }
        },
        Create = static context => context.Settings.IsRemote
            ? new MlflowRegistry(
                RestService.For<IMlflowRegistryApi>(
                    context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(new ClientName(Client.Part, context.Name.Key).ToString()), RegistryRefit),
                context.Instrumentation<MlflowRegistry>("mlflow-registry", context.Settings.Endpoint))
            : new EmbeddedRegistry(
                context.Services.GetRequiredService<IDocumentStore<RegisteredModelDocument>>(),
                context.Services.GetRequiredService<IDocumentStore<ModelVersionDocument>>(),
                context.Services.GetRequiredService<IDocumentStore<RunDocument>>(),
                context.Instrumentation<EmbeddedRegistry>("embedded-registry"),
                context.Time),
    };

    // Artifacts: through the tracking server's artifact proxy, or the embedded store's ArtifactStorage on the Data layer's object store.
    private static readonly ClientRegistration<IArtifactRepository, TrackingSettings> Artifacts = new()
    {
        Part = "artifacts",
        SectionPath = TrackingSettings.SectionPath,
        Layer = AiPlatformTelemetry.Training,
        Transport = static (platform, _) =>
        {
            if (!platform.IsRemote(TrackingSettings.SectionPath))
            {
                platform.AddData();
                platform.Services.TryAddSingleton(sp => new ArtifactStorage(sp.GetRequiredService<IObjectStore>()));
            }
        },
        Create = static context => context.Settings.IsRemote
            ? new MlflowArtifactRepository(
                context.Services.GetRequiredService<IExperimentTracker>(),
                RestService.For<IMlflowArtifactsApi>(
                    context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(new ClientName(Client.Part, context.Name.Key).ToString()), Refit),
                context.Services.GetService<IObjectStore>(),
                context.Instrumentation<MlflowArtifactRepository>("mlflow-artifacts", context.Settings.Endpoint))
            : new EmbeddedArtifactRepository(
                context.Services.GetRequiredService<IExperimentTracker>(),
                context.Services.GetRequiredService<ArtifactStorage>(),
                context.Instrumentation<EmbeddedArtifactRepository>("embedded-artifacts")),
    };

    /// <summary>
    /// Adds the Training layer: <see cref="IExperimentTracker"/> bound to <c>AiPlatform:Training:Tracking</c> (see
    /// <see cref="TrackingSettings"/>) — the MLflow server at its <c>Endpoint</c> over the platform's HTTP pipeline (retries, bearer token,
    /// telemetry), or, by the switch rule, the embedded store on the Data layer's document store when no endpoint is set — with the
    /// readiness check <see cref="HealthCheckName"/> — with <see cref="IModelRegistry"/> and <see cref="IArtifactRepository"/> on the same
    /// server or store (the embedded store keeps artifacts in the Data layer's object store). Calling it again only applies
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddTraining(this AiPlatformBuilder builder, Action<TrackingSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClient(Client, null, configure).AddClient(Registry).AddClient(Artifacts);
    }

    /// <summary>
    /// Registers the default <see cref="ITrainingJobs"/> and <see cref="IHyperparameterSweeps"/> (whose trials are those jobs, tracked by
    /// <see cref="IExperimentTracker"/>; <see cref="AddTraining"/> is added too) bound to <c>AiPlatform:Training:Jobs</c> (see <see cref="JobsSettings"/>): child
    /// processes on this machine with their state under <c>{DataPath}/jobs</c>, or, by the switch rule, the Ray or Kubeflow Pipelines cluster
    /// at <c>Endpoint</c> (per <c>Kind</c>) over the platform's HTTP pipeline. Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddTrainingJobs(this AiPlatformBuilder builder, Action<JobsSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Sweeps run their trials as these jobs and track them as runs of the tracking store.
        builder.AddTraining().Services.TryAddSingleton<IHyperparameterSweeps>(sp => new HyperparameterSweeps(
            sp.GetRequiredService<ITrainingJobs>(), sp.GetRequiredService<IExperimentTracker>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder.AddClient(JobsRegistration.Client, null, configure).AddClient(JobsRegistration.Kubeflow);
    }

    /// <summary>Registers a keyed <see cref="ITrainingJobs"/> bound to <c>AiPlatform:Training:Jobs</c>, then <c>AiPlatform:Training:Jobs:{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key, such as <c>gpu-cluster</c>.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedTrainingJobs(this AiPlatformBuilder builder, string key, Action<JobsSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return builder.AddClient(JobsRegistration.Client, key, configure).AddClient(JobsRegistration.Kubeflow, key);
    }

    /// <summary>
    /// Registers <see cref="IDvcDatasets"/> bound to <c>AiPlatform:Training:Datasets</c> (see <see cref="DatasetsSettings"/>): DVC datasets
    /// resolved from a repository's <c>.dvc</c> files and read or written in the remotes' buckets through the Data layer's object store.
    /// Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddDvcDatasets(this AiPlatformBuilder builder, Action<DatasetsSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClient(DatasetsRegistration.Client, null, configure);
    }

    /// <summary>Registers a keyed <see cref="IDvcDatasets"/> bound to <c>AiPlatform:Training:Datasets</c>, then <c>AiPlatform:Training:Datasets:{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key, such as <c>raw-images</c>.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedDvcDatasets(this AiPlatformBuilder builder, string key, Action<DatasetsSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return builder.AddClient(DatasetsRegistration.Client, key, configure);
    }

    /// <summary>
    /// Registers <see cref="IGitLabClient"/> bound to <c>AiPlatform:Training:GitLab</c> (see <see cref="GitLabSettings"/>; <c>Endpoint</c>
    /// is required) over the platform's HTTP pipeline, with the readiness check <c>aiplatform-gitlab</c>. The umbrella's
    /// <c>AddAiPlatform()</c> adds it when that section sets an <c>Endpoint</c>. Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddGitLab(this AiPlatformBuilder builder, Action<GitLabSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClient(GitLabRegistration.Client, null, configure);
    }

    /// <summary>Registers a keyed <see cref="IGitLabClient"/> bound to <c>AiPlatform:Training:GitLab</c>, then <c>AiPlatform:Training:GitLab:{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key, such as <c>self-hosted</c>.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedGitLab(this AiPlatformBuilder builder, string key, Action<GitLabSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return builder.AddClient(GitLabRegistration.Client, key, configure);
    }
}
