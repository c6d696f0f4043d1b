namespace AiPlatform.Sdk.Training.Jobs;

/// <summary>The mapping every remote jobs backend shares: <see cref="AiPlatformErrors"/>, with the resource named in a 404.</summary>
internal static class JobErrors
{
    public static Exception Map(Exception exception, string service, string operation, string? resource)
    {
        var mapped = AiPlatformErrors.FromException(exception, service, operation);
        return mapped is AiPlatformNotFoundException notFound && resource is not null
            ? new AiPlatformNotFoundException(service, operation, $"{service} {operation}: {resource} was not found ({notFound.ServerMessage})",
                notFound.StatusCode, notFound.ErrorCode, notFound.ServerMessage, exception)
            : mapped;
    }
}
