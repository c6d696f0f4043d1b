namespace AiPlatform.Sdk;

/// <summary>The resource exists already or was changed by someone else (HTTP 409/412, gRPC ALREADY_EXISTS/ABORTED).</summary>
public sealed class AiPlatformConflictException : AiPlatformException
{
    /// <inheritdoc cref="AiPlatformException(string, string, string?, int?, string?, string?, Exception?)"/>
    public AiPlatformConflictException(
        string service,
        string operation,
        string? message = null,
        int? statusCode = 409,
        string? errorCode = null,
        string? serverMessage = null,
        Exception? innerException = null)
        : base(service, operation, message, statusCode, errorCode, serverMessage, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
