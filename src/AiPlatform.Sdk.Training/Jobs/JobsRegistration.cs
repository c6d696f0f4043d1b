using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Training.Jobs.Kubeflow;
using AiPlatform.Sdk.Training.Jobs.Local;
using AiPlatform.Sdk.Training.Jobs.Ray;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace AiPlatform.Sdk.Training.Jobs;

/// <summary>How <see cref="ITrainingJobs"/> is registered through Core's primitive: local processes, or by the switch rule the Ray or Kubeflow cluster at <see cref="JobsSettings.Endpoint"/>.</summary>
internal static class JobsRegistration
{
    private static readonly RefitSettings RayRefit = new(new SystemTextJsonContentSerializer(RayJsonContext.Default.Options));
    private static readonly RefitSettings KubeflowRefit = new(new SystemTextJsonContentSerializer(KubeflowJsonContext.Default.Options));

    internal static readonly ClientRegistration<ITrainingJobs, JobsSettings> Client = new()
    {
        Part = "training-jobs",
        SectionPath = JobsSettings.SectionPath,
        Layer = AiPlatformTelemetry.Training,
        Transport = static (platform, name) =>
        {
            if (platform.IsRemote(JobsSettings.SectionPath))
            {
                HttpTransport.Add<JobsSettings, JobsHttpSettings>(platform, name, s => (s.Endpoint, s.Authenticate)).AddHttpMessageHandler(sp =>
                    sp.GetRequiredService<IOptionsMonitor<JobsSettings>>().Get(name.OptionsName).Kubeflow is { UserIdentity: { Length: > 0 } identity } kubeflow
                        ? new UserIdentityHandler(kubeflow.UserIdentityHeader, identity)
                        : new PassThroughHandler());
            }
        },
        Create = static context => context.Settings switch
        {
            { IsRemote: false } => new LocalJobs(
                context.Settings.Local,
                context.Settings.Local.Folder is { Length: > 0 } folder ? Path.GetFullPath(folder) : Path.Combine(context.DataPath, "jobs"),
                context.Instrumentation<LocalJobs>("local-jobs"),
                context.Logger<LocalJobs>(),
                context.Time),
            { Kind: JobsBackend.Kubeflow } => new KubeflowJobs(Pipelines(context), context.Settings.Kubeflow),
            _ => new RayJobs(
                RestService.For<IRayJobsApi>(context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString()), RayRefit),
                context.Instrumentation<RayJobs>("ray-jobs", context.Settings.Endpoint),
                context.Time),
        },
        HealthCheck = static (jobs, _) => new ProbeHealthCheck(jobs),
    };

    // Kubeflow's own API beside the jobs: same settings, same HTTP client, the jobs' readiness check (as the model registry beside tracking).
    internal static readonly ClientRegistration<IKubeflowPipelines, JobsSettings> Kubeflow = new()
    {
        Part = "kubeflow-pipelines",
        SectionPath = JobsSettings.SectionPath,
        Layer = AiPlatformTelemetry.Training,
        Create = static context => context.Settings is { IsRemote: true, Kind: JobsBackend.Kubeflow }
            ? Pipelines(context)
            : throw new InvalidOperationException(
                $"IKubeflowPipelines needs AiPlatform:{JobsSettings.SectionPath}{(context.Name.Key is { } key ? ":" + key : string.Empty)}:Endpoint with Kind 'Kubeflow'."),
    };

    private static KubeflowPipelines Pipelines(ClientContext<JobsSettings> context) => new(
        RestService.For<IKubeflowApi>(
            context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(new ClientName(Client.Part, context.Name.Key).ToString()), KubeflowRefit),
        context.Settings.Kubeflow,
        context.Instrumentation<KubeflowPipelines>("kubeflow-pipelines", context.Settings.Endpoint));
}

/// <summary>The handler in the place of <see cref="UserIdentityHandler"/> when no identity is configured.</summary>
internal sealed class PassThroughHandler : DelegatingHandler;

/// <summary>The HTTP pipeline's view of <see cref="JobsSettings"/> when a cluster is configured (copied, never bound).</summary>
internal sealed class JobsHttpSettings : RemoteClientSettings;
