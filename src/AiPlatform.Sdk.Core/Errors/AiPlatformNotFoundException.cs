namespace AiPlatform.Sdk;

/// <summary>The requested resource does not exist (HTTP 404, gRPC NOT_FOUND).</summary>
public sealed class AiPlatformNotFoundException : AiPlatformException
{
    /// <inheritdoc cref="AiPlatformException(string, string, string?, int?, string?, string?, Exception?)"/>
    public AiPlatformNotFoundException(
        string service,
        string operation,
        string? message = null,
        int? statusCode = 404,
        string? errorCode = null,
        string? serverMessage = null,
        Exception? innerException = null)
        : base(service, operation, message, statusCode, errorCode, serverMessage, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
