namespace AiPlatform.Sdk;

/// <summary>The request was rejected as invalid (HTTP 400/422, gRPC INVALID_ARGUMENT/FAILED_PRECONDITION/OUT_OF_RANGE).</summary>
public sealed class AiPlatformValidationException : AiPlatformException
{
    /// <inheritdoc cref="AiPlatformException(string, string, string?, int?, string?, string?, Exception?)"/>
    public AiPlatformValidationException(
        string service,
        string operation,
        string? message = null,
        int? statusCode = 400,
        string? errorCode = null,
        string? serverMessage = null,
        Exception? innerException = null)
        : base(service, operation, message, statusCode, errorCode, serverMessage, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
