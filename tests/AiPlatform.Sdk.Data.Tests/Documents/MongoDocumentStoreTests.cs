namespace AiPlatform.Sdk.Data.Tests.Documents;

/// <summary>The shared suite on a real MongoDB server, when <c>AIP_MONGODB_URI</c> names one; none can run on the CI machine.</summary>
[Trait("Kind", "Live")]
public sealed class MongoDocumentStoreTests : DocumentStoreSuite
{
    private static readonly string? Uri = Environment.GetEnvironmentVariable("AIP_MONGODB_URI");

    protected override string? SkipReason => string.IsNullOrEmpty(Uri) ? "AIP_MONGODB_URI is not set: no MongoDB server to test against" : null;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["AiPlatform:Data:Documents:ConnectionString"] = Uri,
        ["AiPlatform:Data:Documents:Database"] = "aiplatform_tests",
    };
}
