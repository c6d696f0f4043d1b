namespace AiPlatform.Sdk.Data.Tests.Documents;

public sealed class EmbeddedDocumentStoreTests : DocumentStoreSuite
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
}
