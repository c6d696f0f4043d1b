using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Training.Jobs;

/// <summary>
/// Settings of training jobs, bound from <c>AiPlatform:Training:Jobs</c>. By the switch rule, jobs run as child processes on this machine
/// until <see cref="Endpoint"/> is set; then on the cluster of <see cref="Kind"/> at that address.
/// </summary>
public sealed class JobsSettings : AiPlatformClientSettings, IValidatableObject
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Training:Jobs";

    /// <summary>The cluster's API, such as Ray's dashboard <c>http://ray-head:8265</c> or Kubeflow Pipelines' <c>http://ml-pipeline.kubeflow:8888</c>; unset runs jobs locally.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Which cluster <see cref="Endpoint"/> is; required with it.</summary>
    public JobsBackend? Kind { get; set; }

    /// <summary>When <see langword="false"/>, requests carry no bearer token from the platform's token provider. Default <see langword="true"/>.</summary>
    public bool Authenticate { get; set; } = true;

    /// <summary>The local backend's settings (used while <see cref="Endpoint"/> is unset).</summary>
    public LocalJobsSettings Local { get; set; } = new();

    /// <summary>Kubeflow Pipelines' settings (used with <see cref="Kind"/> <see cref="JobsBackend.Kubeflow"/>).</summary>
    public KubeflowJobsSettings Kubeflow { get; set; } = new();

    internal bool IsRemote => Endpoint is not null;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is not null && Kind is null)
        {
            yield return new ValidationResult("Kind is required with Endpoint: Ray or Kubeflow.", [nameof(Kind)]);
        }

        if (Endpoint is null && Kind is not null)
        {
            yield return new ValidationResult($"Kind {Kind} needs an Endpoint; without one, jobs run locally.", [nameof(Endpoint)]);
        }

        if (Local.MaxConcurrency < 1)
        {
            yield return new ValidationResult("Local:MaxConcurrency must be at least 1.", [nameof(Local) + ":" + nameof(LocalJobsSettings.MaxConcurrency)]);
        }

        if (Local.StopGracePeriod < TimeSpan.Zero)
        {
            yield return new ValidationResult("Local:StopGracePeriod must not be negative.", [nameof(Local) + ":" + nameof(LocalJobsSettings.StopGracePeriod)]);
        }

        if (Kind == JobsBackend.Kubeflow && Endpoint is not null && string.IsNullOrWhiteSpace(Kubeflow.Image))
        {
            yield return new ValidationResult("Kubeflow:Image is required: Kubeflow runs each job as a one-step pipeline in that container image.", [nameof(Kubeflow) + ":" + nameof(KubeflowJobsSettings.Image)]);
        }
    }
}

/// <summary>The cluster a remote jobs endpoint belongs to.</summary>
public enum JobsBackend
{
    /// <summary>Ray's job submission API (<c>/api/jobs/</c>).</summary>
    Ray,

    /// <summary>Kubeflow Pipelines' v2beta1 API (<c>/apis/v2beta1/</c>).</summary>
    Kubeflow,
}

/// <summary>Settings of the local jobs backend: child processes on this machine.</summary>
public sealed class LocalJobsSettings
{
    /// <summary>How many jobs run at once; the rest wait. Default: the machine's processor count.</summary>
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>Where jobs keep their state and output; default <c>{DataPath}/jobs</c>.</summary>
    public string? Folder { get; set; }

    /// <summary>How long a stopped job has to end after the stop signal before it is killed. Default 10 seconds.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Settings of the Kubeflow Pipelines backend.</summary>
public sealed class KubeflowJobsSettings
{
    /// <summary>The container image each job runs in (as a one-step pipeline), such as <c>registry:5000/trainer:1.4</c>; required for Kubeflow.</summary>
    public string? Image { get; set; }

    /// <summary>The profile namespace of a multi-user deployment; unset for a single-user one.</summary>
    public string? Namespace { get; set; }

    /// <summary>
    /// The header a multi-user deployment reads the caller's identity from (its <c>KUBEFLOW_USERID_HEADER</c>); default
    /// <c>kubeflow-userid</c>. Sent only when <see cref="UserIdentity"/> is set.
    /// </summary>
    public string UserIdentityHeader { get; set; } = "kubeflow-userid";

    /// <summary>The identity sent in <see cref="UserIdentityHeader"/>, such as <c>alice@example.com</c>; needed where no gateway sets it.</summary>
    public string? UserIdentity { get; set; }

    /// <summary>The experiment new runs belong to; unset for the namespace's default experiment.</summary>
    public string? ExperimentId { get; set; }
}
