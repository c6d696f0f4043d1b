namespace AiPlatform.Sdk.Training.Jobs;

/// <summary>What to run as a training job: a command, its arguments and environment, where, and with which resources.</summary>
public sealed record JobSubmission
{
    /// <summary>The program to run, such as <c>dotnet</c> or <c>python</c>; on Ray and Kubeflow it is joined with <see cref="Arguments"/> into the job's command.</summary>
    public required string Entrypoint { get; init; }

    /// <summary>The program's arguments, passed as they are (quoted for the backend's shell where it has one).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment variables set for the job, on top of the backend's.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A folder on this machine the job runs in: the process's working directory locally; uploaded as Ray's <c>working_dir</c> package.
    /// <see langword="null"/> for the backend's default.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The resources the job reserves; the local backend runs jobs one per concurrency slot and ignores them.</summary>
    public JobResources Resources { get; init; } = new();

    /// <summary>The job's id, unique on the backend (letters, digits, '-' and '_'); <see langword="null"/> to have one made.</summary>
    public string? SubmissionId { get; init; }

    /// <summary>Labels kept with the job, such as the tracking run it reports to.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

/// <summary>The resources a job reserves on a cluster.</summary>
/// <param name="Cpus">CPU cores, possibly fractional; <see langword="null"/> for the backend's default.</param>
/// <param name="Gpus">GPUs, possibly fractional; <see langword="null"/> for none.</param>
/// <param name="MemoryBytes">Memory in bytes; <see langword="null"/> for the backend's default.</param>
public sealed record JobResources(double? Cpus = null, double? Gpus = null, long? MemoryBytes = null);
