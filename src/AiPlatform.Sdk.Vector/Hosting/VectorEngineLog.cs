using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Vector;

/// <summary>The engine's log messages.</summary>
internal static partial class VectorEngineLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Opened vector index {Name}: {Count} records, dimension {Dimension}.")]
    public static partial void Opened(ILogger logger, string name, int count, int dimension);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Opening vector index {Name} failed.")]
    public static partial void OpenFailed(ILogger logger, string name, Exception exception);
}
