namespace AiPlatform.Sdk;

/// <summary>The caller is not authenticated: no, expired or invalid credentials (HTTP 401, gRPC UNAUTHENTICATED).</summary>
public sealed class AiPlatformUnauthorizedException : AiPlatformException
{
    /// <inheritdoc cref="AiPlatformException(string, string, string?, int?, string?, string?, Exception?)"/>
    public AiPlatformUnauthorizedException(
        string service,
        string operation,
        string? message = null,
        int? statusCode = 401,
        string? errorCode = null,
        string? serverMessage = null,
        Exception? innerException = null)
        : base(service, operation, message, statusCode, errorCode, serverMessage, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
