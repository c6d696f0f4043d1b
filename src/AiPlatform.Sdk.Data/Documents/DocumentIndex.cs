namespace AiPlatform.Sdk.Data.Documents;

/// <summary>An index declared in code and created by each provider when the collection is first used.</summary>
/// <param name="Name">The index name, unique within the collection.</param>
/// <param name="Fields">The JSON paths indexed, in order.</param>
/// <param name="Unique">Whether two documents may not share the indexed values.</param>
public sealed record DocumentIndex(string Name, IReadOnlyList<IReadOnlyList<string>> Fields, bool Unique);
