using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>
/// Settings of an object store, bound from <c>AiPlatform:Data:ObjectStore</c> (a keyed store from its named sub-section).
/// With <see cref="Endpoint"/> set, the store is an S3-compatible server; otherwise it is a local folder.
/// </summary>
public sealed class ObjectStoreSettings : AiPlatformClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Data:ObjectStore";

    /// <summary>The S3 server as <c>host:port</c>, such as <c>minio:9000</c>; empty selects the local folder.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The S3 access key.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The S3 secret key.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Whether to use HTTPS to reach <see cref="Endpoint"/>. Default <see langword="false"/>.</summary>
    public bool UseSsl { get; set; }

    /// <summary>The S3 region; default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The local folder of the embedded store; default <c>{AiPlatform:DataPath}/objects</c>.</summary>
    public string? Path { get; set; }

    /// <summary>How many times a failed S3 request (one part of a multipart upload included) is retried. Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The timeout of one S3 request. Default 100 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    internal bool IsRemote => !string.IsNullOrWhiteSpace(Endpoint);
}
