using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>The registered document database with the instrumentation its collections share.</summary>
internal sealed record DocumentDatabaseClient(IDocumentDatabase Database, ClientInstrumentation Instrumentation);
