using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Training.Jobs.Local;

/// <summary>What the local backend keeps of a job in <c>{folder}/{id}/job.json</c>, so that a restarted app still knows it.</summary>
internal sealed record JobRecord
{
    public required string Id { get; init; }

    public required JobState State { get; init; }

    public required string Entrypoint { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public int? ExitCode { get; init; }

    public string? Message { get; init; }

    /// <summary>The wrapper process's id and start time while it runs: together they tell it from a later process that got the same id.</summary>
    public int? ProcessId { get; init; }

    public DateTime? ProcessStartedAt { get; init; }

    public bool StopRequested { get; init; }

    public TrainingJob ToJob() => new()
    {
        Id = Id,
        State = State,
        Entrypoint = Arguments.Count == 0 ? Entrypoint : Entrypoint + " " + string.Join(' ', Arguments),
        SubmittedAt = SubmittedAt,
        StartedAt = StartedAt,
        EndedAt = EndedAt,
        ExitCode = ExitCode,
        Message = Message,
        Metadata = Metadata,
    };
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(JobRecord))]
internal sealed partial class LocalJobsJsonContext : JsonSerializerContext;
