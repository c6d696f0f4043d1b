namespace AiPlatform.Sdk.Training.Jobs;

/// <summary>A training job as its backend last reported it.</summary>
public sealed record TrainingJob
{
    /// <summary>The job's id on its backend.</summary>
    public required string Id { get; init; }

    /// <summary>Where the job is in its life.</summary>
    public required JobState State { get; init; }

    /// <summary>The command the job runs, as the backend records it.</summary>
    public string? Entrypoint { get; init; }

    /// <summary>When the job was submitted.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When the job started running.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the job ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The process's exit code, where the backend reports one.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Why the job is in its state (a failure's reason, who stopped it), where the backend says.</summary>
    public string? Message { get; init; }

    /// <summary>The labels it was submitted with.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the job has ended and will not change again.</summary>
    public bool HasEnded => State is JobState.Succeeded or JobState.Failed or JobState.Stopped or JobState.Lost;
}

/// <summary>Where a training job is in its life.</summary>
public enum JobState
{
    /// <summary>Submitted, waiting for room to run.</summary>
    Pending,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Asked to stop, not yet ended.</summary>
    Stopping,

    /// <summary>Ended with success (exit code 0).</summary>
    Succeeded,

    /// <summary>Ended with a failure; <see cref="TrainingJob.Message"/> says why where the backend knows.</summary>
    Failed,

    /// <summary>Ended because it was stopped.</summary>
    Stopped,

    /// <summary>Its process is gone without a recorded end (the machine or app stopped under it); it is not running.</summary>
    Lost,
}
