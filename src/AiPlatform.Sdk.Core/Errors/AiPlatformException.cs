namespace AiPlatform.Sdk;

/// <summary>
/// The root of every failure an SDK client reports: which service and operation failed, the status the server returned,
/// its error code and its own message.
/// </summary>
public class AiPlatformException : Exception
{
    /// <summary>Creates an exception for a failed call.</summary>
    /// <param name="service">The remote or embedded service, such as <c>mlflow</c> or <c>object-store</c>.</param>
    /// <param name="operation">The operation that failed, such as <c>GetRun</c>.</param>
    /// <param name="message">A message for people; when <see langword="null"/>, one is composed from the other values.</param>
    /// <param name="statusCode">The HTTP status (or the HTTP equivalent of a gRPC status), if a server answered.</param>
    /// <param name="errorCode">The server's or protocol's error code, such as <c>NotFound</c> or <c>RESOURCE_DOES_NOT_EXIST</c>.</param>
    /// <param name="serverMessage">The message the server sent, if any.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public AiPlatformException(
        string service,
        string operation,
        string? message = null,
        int? statusCode = null,
        string? errorCode = null,
        string? serverMessage = null,
        Exception? innerException = null)
        : base(message ?? Compose(service, operation, statusCode, errorCode, serverMessage), innerException)
    {
        Service = service;
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ServerMessage = serverMessage;
    }

    /// <summary>The service that failed.</summary>
    public string Service { get; }

    /// <summary>The operation that failed.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status, or the HTTP equivalent of a gRPC status; <see langword="null"/> when no server answered.</summary>
    public int? StatusCode { get; }

    /// <summary>The error code the server or protocol gave.</summary>
    public string? ErrorCode { get; }

    /// <summary>The message the server sent.</summary>
    public string? ServerMessage { get; }

    /// <summary>Whether the same call may succeed if tried again later (unavailable, throttled, timed out).</summary>
    public virtual bool IsTransient => StatusCode is null or 408 or 429 or 502 or 503 or 504;

    private static string Compose(string service, string operation, int? statusCode, string? errorCode, string? serverMessage)
    {
        var status = statusCode is null ? "no response" : $"status {statusCode}";
        var code = errorCode is null ? string.Empty : $" ({errorCode})";
        var detail = string.IsNullOrWhiteSpace(serverMessage) ? string.Empty : $": {serverMessage}";
        return $"{service} {operation} failed with {status}{code}{detail}";
    }
}
