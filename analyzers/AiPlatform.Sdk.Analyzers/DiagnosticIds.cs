namespace AiPlatform.Sdk.Analyzers;

/// <summary>Every diagnostic id the AiPlatform analyzers report: AIP1xxx usage, AIP2xxx performance.</summary>
public static class DiagnosticIds
{
    /// <summary>A secret of an AiPlatform settings class is written as a string literal.</summary>
    public const string HardCodedSecret = "AIP1001";

    /// <summary>An appsettings*.json file names a key under <c>AiPlatform</c> that no SDK package reads.</summary>
    public const string UnknownSetting = "AIP1002";

    /// <summary>An appsettings*.json value cannot be bound to its setting (a string where a number is expected, an unknown enum name).</summary>
    public const string InvalidSettingValue = "AIP1003";

    /// <summary>An appsettings*.json file holds a secret of the SDK's settings, or a connection-string password, in plain text.</summary>
    public const string SecretInSettingsFile = "AIP1004";

    /// <summary>An endpoint setting in an appsettings*.json file has no scheme (<c>triton:8001</c> instead of <c>http://triton:8001</c>).</summary>
    public const string EndpointWithoutScheme = "AIP1005";

    /// <summary>A task returned by an SDK method is waited on synchronously (<c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>).</summary>
    public const string SyncOverAsync = "AIP1006";

    /// <summary>An SDK method that accepts a <c>CancellationToken</c> is called without the one in scope.</summary>
    public const string CancellationTokenNotPassed = "AIP1007";

    /// <summary>A training run scope (<c>ActiveRun</c>) or another SDK run/scope that is <c>IAsyncDisposable</c> is never disposed.</summary>
    public const string UndisposedRunScope = "AIP1008";

    /// <summary>An <c>HttpClient</c> or gRPC channel is built by hand for an AiPlatform endpoint, where DI provides the SDK's client.</summary>
    public const string HandBuiltClient = "AIP1009";

    /// <summary>An object store download (<c>ObjectContent</c>) is never disposed.</summary>
    public const string UndisposedObjectContent = "AIP1010";

    /// <summary>Embeddings are generated one input at a time inside a loop instead of in one batch.</summary>
    public const string EmbeddingInLoop = "AIP2001";

    /// <summary>A one-item SDK call (upsert, delete, get) runs once per loop iteration although the same type offers a batch call.</summary>
    public const string SingleItemCallInLoop = "AIP2002";

    /// <summary><c>IExperimentTracker.LogBatchAsync</c> is called with one metric once per loop iteration.</summary>
    public const string SingleMetricBatchInLoop = "AIP2003";

    /// <summary>Every result of an SDK list or search call is collected (<c>ToListAsync()</c>, or an <c>await foreach</c> adding each item) without a bound.</summary>
    public const string UnboundedPageStream = "AIP2004";
}
