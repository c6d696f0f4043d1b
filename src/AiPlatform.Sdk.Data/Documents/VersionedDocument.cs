namespace AiPlatform.Sdk.Data.Documents;

/// <summary>A document with its id and version.</summary>
/// <typeparam name="T">The document type.</typeparam>
/// <param name="Id">The id.</param>
/// <param name="Version">The version: 1 after insert, incremented by each replace.</param>
/// <param name="Document">The content.</param>
public sealed record VersionedDocument<T>(string Id, long Version, T Document);
