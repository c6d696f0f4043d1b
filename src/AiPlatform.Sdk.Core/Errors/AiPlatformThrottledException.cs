namespace AiPlatform.Sdk;

/// <summary>The server asked the caller to slow down (HTTP 429, gRPC RESOURCE_EXHAUSTED); <see cref="RetryAfter"/> says for how long when it said so.</summary>
public sealed class AiPlatformThrottledException : AiPlatformException
{
    /// <inheritdoc cref="AiPlatformException(string, string, string?, int?, string?, string?, Exception?)"/>
    /// <param name="service">The service that failed.</param>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="retryAfter">The wait the server asked for.</param>
    /// <param name="message">A message for people.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">The server's error code.</param>
    /// <param name="serverMessage">The server's message.</param>
    /// <param name="innerException">The cause.</param>
    public AiPlatformThrottledException(
        string service,
        string operation,
        TimeSpan? retryAfter = null,
        string? message = null,
        int? statusCode = 429,
        string? errorCode = null,
        string? serverMessage = null,
        Exception? innerException = null)
        : base(service, operation, message, statusCode, errorCode, serverMessage, innerException) => RetryAfter = retryAfter;

    /// <summary>How long the server asked the caller to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
