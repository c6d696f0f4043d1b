using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Data.Platform.Flume;

/// <summary>
/// Settings of the Flume client, bound from <c>AiPlatform:DataPlatform:Flume</c>. <see cref="RemoteClientSettings.Endpoint"/> is an
/// agent's HTTP source with the default JSON handler, such as <c>http://flume-agent:5140</c>.
/// </summary>
public sealed class FlumeSettings : RemoteClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "DataPlatform:Flume";

    /// <summary>
    /// The most events one request carries. Flume puts one request into its channel in one transaction, so keep it at or below the
    /// channel's <c>transactionCapacity</c>. Default 100.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 100;
}
