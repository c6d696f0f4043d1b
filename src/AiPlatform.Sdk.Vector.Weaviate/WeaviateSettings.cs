using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>
/// Settings of the Weaviate vector store, bound from <c>AiPlatform:Vector:Weaviate</c>. Schema and single objects go over REST
/// at <see cref="RemoteClientSettings.Endpoint"/>; search and batch import over gRPC at <see cref="GrpcEndpoint"/>.
/// </summary>
public sealed class WeaviateSettings : RemoteClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Vector:Weaviate";

    /// <summary>The gRPC address, such as <c>http://weaviate:50051</c>; by default the REST host on port 50051.</summary>
    public Uri? GrpcEndpoint { get; set; }

    /// <summary>The tenant of multi-tenant collections; collections are created with multi-tenancy when set.</summary>
    public string? Tenant { get; set; }

    /// <summary>The consistency level of reads and writes: <c>ONE</c>, <c>QUORUM</c> or <c>ALL</c>; the server's default when unset.</summary>
    [AllowedValues(null, "ONE", "QUORUM", "ALL")]
    public string? ConsistencyLevel { get; set; }

    /// <summary>The weight of the vector part in hybrid search, from 0 (keywords only) to 1 (vector only). Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public float HybridAlpha { get; set; } = 0.5f;

    /// <summary>How many objects one gRPC batch import carries. Default 100.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}
