namespace AiPlatform.Sdk.Data.Documents;

/// <summary>
/// Settings of the document store, bound from <c>AiPlatform:Data:Documents</c>. With <see cref="ConnectionString"/> set, documents live
/// in MongoDB (a <c>mongodb://</c> or <c>mongodb+srv://</c> connection string) or PostgreSQL (any other); otherwise in the embedded file store.
/// </summary>
public sealed class DocumentStoreSettings : AiPlatformClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Data:Documents";

    /// <summary>A MongoDB or Npgsql connection string; empty selects the embedded file store.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The MongoDB database name. Default <c>aiplatform</c>.</summary>
    public string Database { get; set; } = "aiplatform";

    /// <summary>The folder of the embedded store; default <c>{AiPlatform:DataPath}/documents</c>.</summary>
    public string? Path { get; set; }

    internal bool IsRemote => !string.IsNullOrWhiteSpace(ConnectionString);

    internal bool IsMongoDb =>
        ConnectionString?.StartsWith("mongodb://", StringComparison.OrdinalIgnoreCase) == true ||
        ConnectionString?.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase) == true;
}
