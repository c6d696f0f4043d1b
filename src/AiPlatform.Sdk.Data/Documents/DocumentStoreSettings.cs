namespace AiPlatform.Sdk.Data.Documents;

/// <summary>
/// Settings of the document store, bound from <c>AiPlatform:Data:Documents</c>. The provider is <see cref="Provider"/> when set;
/// otherwise MongoDB for a <c>mongodb://</c> connection string, PostgreSQL for another connection string or when
/// <c>AiPlatform:Data:Postgres</c> is configured, and the embedded file store when nothing is.
/// </summary>
public sealed class DocumentStoreSettings : AiPlatformClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Data:Documents";

    /// <summary><c>Embedded</c>, <c>Postgres</c> or <c>MongoDB</c>; empty chooses as described on the class.</summary>
    public string? Provider { get; set; }

    /// <summary>A MongoDB or Npgsql connection string; for PostgreSQL, empty uses the metadata database of <c>AiPlatform:Data:Postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The MongoDB database name. Default <c>aiplatform</c>.</summary>
    public string Database { get; set; } = "aiplatform";

    /// <summary>The folder of the embedded store; default <c>{AiPlatform:DataPath}/documents</c>.</summary>
    public string? Path { get; set; }

    internal string ResolveProvider(bool postgresRegistered) => Provider switch
    {
        { Length: > 0 } named => named,
        _ when ConnectionString?.StartsWith("mongodb", StringComparison.OrdinalIgnoreCase) == true => "MongoDB",
        _ when !string.IsNullOrEmpty(ConnectionString) || postgresRegistered => "Postgres",
        _ => "Embedded",
    };
}
