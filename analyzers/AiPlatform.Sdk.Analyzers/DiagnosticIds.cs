namespace AiPlatform.Sdk.Analyzers;

/// <summary>Every diagnostic id the AiPlatform analyzers report: AIP1xxx usage, AIP2xxx performance.</summary>
public static class DiagnosticIds
{
    /// <summary>A secret of an AiPlatform settings class is written as a string literal.</summary>
    public const string HardCodedSecret = "AIP1001";

    /// <summary>Embeddings are generated one input at a time inside a loop instead of in one batch.</summary>
    public const string EmbeddingInLoop = "AIP2001";
}
