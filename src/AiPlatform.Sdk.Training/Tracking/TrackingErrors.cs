namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>MLflow's error codes and the SDK exceptions that carry them, shared by the embedded store, the client and the server.</summary>
internal static class TrackingErrors
{
    public const string Service = "tracking";
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";
    public const string ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS";

    public static AiPlatformNotFoundException NotFound(string operation, string message) =>
        new(Service, operation, message, errorCode: ResourceDoesNotExist, serverMessage: message);

    public static AiPlatformValidationException Invalid(string operation, string message) =>
        new(Service, operation, message, errorCode: InvalidParameterValue, serverMessage: message);

    public static AiPlatformConflictException AlreadyExists(string operation, string message) =>
        new(Service, operation, message, statusCode: 400, errorCode: ResourceAlreadyExists, serverMessage: message);

    /// <summary>MLflow answers a taken name with 400 <c>RESOURCE_ALREADY_EXISTS</c>; the SDK makes it a conflict.</summary>
    public static Exception FromServer(Exception exception, string operation) =>
        AiPlatformErrors.FromException(exception, Service, operation) is AiPlatformException { ErrorCode: ResourceAlreadyExists } taken
            ? AlreadyExists(operation, taken.ServerMessage ?? taken.Message)
            : AiPlatformErrors.FromException(exception, Service, operation);
}
