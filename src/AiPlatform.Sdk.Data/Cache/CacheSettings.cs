namespace AiPlatform.Sdk.Data.Cache;

/// <summary>
/// Settings of the distributed cache, bound from <c>AiPlatform:Data:Redis</c>. With <see cref="ConnectionString"/> set, the cache is
/// Redis; otherwise an in-memory cache of this process.
/// </summary>
public sealed class CacheSettings : AiPlatformClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Data:Redis";

    /// <summary>The StackExchange.Redis configuration string, such as <c>redis:6379,password=...</c>; empty selects the in-memory cache.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A prefix for every key, so that several applications can share one Redis. Default <c>aiplatform:</c>.</summary>
    public string InstanceName { get; set; } = "aiplatform:";

    internal bool IsRedis => !string.IsNullOrWhiteSpace(ConnectionString);
}
