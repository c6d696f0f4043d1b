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

    /// <summary>The cluster's API, such as Ray's dashboard <c>http://ray-head:8265</c>; unset runs jobs locally.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Which cluster <see cref="Endpoint"/> is; required with it.</summary>
    public JobsBackend? Kind { get; set; }

    /// <summary>When <see langword="false"/>, requests carry no bearer token from the platform's token provider. Default <see langword="true"/>.</summary>
    public bool Authenticate { get; set; } = true;

    /// <summary>The local backend's settings (used while <see cref="Endpoint"/> is unset).</summary>
    public LocalJobsSettings Local { get; set; } = new();

    internal bool IsRemote => Endpoint is not null;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is not null && Kind is null)
        {
            yield return new ValidationResult("Kind is required with Endpoint: Ray.", [nameof(Kind)]);
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
    }
}

/// <summary>The cluster a remote jobs endpoint belongs to.</summary>
public enum JobsBackend
{
    /// <summary>Ray's job submission API (<c>/api/jobs/</c>).</summary>
    Ray,
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
