using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>
/// Settings of the event stream, bound from <c>AiPlatform:Data:Events</c>. With <see cref="ConnectionString"/> (Kafka's bootstrap servers) set, events go through
/// Kafka; otherwise through a bounded in-process bus with the same delivery semantics.
/// </summary>
public sealed class EventStreamSettings : AiPlatformClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Data:Events";

    /// <summary>Kafka's bootstrap servers, <c>host:port[,host:port]</c>; empty selects the in-process bus.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The client id Kafka sees in its logs and quotas; optional.</summary>
    public string? ClientId { get; set; }

    /// <summary>How many times a handler is tried on one event before it goes to the dead-letter topic. Default 3.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles on each further retry. Default 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The suffix of the dead-letter topic of each topic. Default <c>.dead-letter</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DeadLetterSuffix { get; set; } = ".dead-letter";

    /// <summary>How many unconsumed events one in-process topic retains; beyond it see <see cref="DropOldestWhenFull"/>. Default 10000.</summary>
    [Range(1, int.MaxValue)]
    public int Capacity { get; set; } = 10_000;

    /// <summary>How many bytes of unconsumed events (payload, key, type and headers) the in-process bus retains over all topics. Default 64 MiB.</summary>
    [Range(typeof(long), "1024", "9223372036854775807")]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How many topics the in-process bus holds; topics without events or consumers are forgotten first. Default 1000.</summary>
    [Range(1, 1_000_000)]
    public int MaxTopics { get; set; } = 1_000;

    /// <summary>
    /// What the in-process bus does when a publish would pass <see cref="Capacity"/> or <see cref="MaxBytes"/>: drop the oldest
    /// unconsumed events, counted by <c>aiplatform.events.dropped</c> (<see langword="true"/>, the default, as Kafka's retention
    /// does), or fail the publish at once with <see cref="AiPlatformThrottledException"/> (status 507). Publishers never wait.
    /// </summary>
    public bool DropOldestWhenFull { get; set; } = true;

    /// <summary>How long a publish may wait for the broker's acknowledgement, retries included. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Kafka consumer session timeout: how soon a crashed consumer's partitions move to another. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal bool IsKafka => !string.IsNullOrWhiteSpace(ConnectionString);
}
