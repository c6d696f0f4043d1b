namespace AiPlatform.Sdk;

/// <summary>The caller is authenticated but not allowed to do this (HTTP 403, gRPC PERMISSION_DENIED).</summary>
public sealed class AiPlatformForbiddenException : AiPlatformException
{
    /// <inheritdoc cref="AiPlatformException(string, string, string?, int?, string?, string?, Exception?)"/>
    public AiPlatformForbiddenException(
        string service,
        string operation,
        string? message = null,
        int? statusCode = 403,
        string? errorCode = null,
        string? serverMessage = null,
        Exception? innerException = null)
        : base(service, operation, message, statusCode, errorCode, serverMessage, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
