namespace AiPlatform.Sdk.Training.Datasets;

/// <summary>Settings of <see cref="IDvcDatasets"/>, bound from <c>AiPlatform:Training:Datasets</c>.</summary>
public sealed class DatasetsSettings : AiPlatformClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Training:Datasets";

    /// <summary>
    /// The key of the keyed object store (<c>AddKeyedObjectStore(key)</c>, <c>AiPlatform:Data:ObjectStore:{key}</c>) that reaches the DVC
    /// remotes' buckets; unset: the default object store.
    /// </summary>
    public string? ObjectStore { get; set; }
}
