using System.Text.Json;
using AiPlatform.Sdk.Telemetry;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Common;

/// <summary>
/// Runs every call of one data-platform client through its <see cref="ClientInstrumentation"/> (one span, the duration and error
/// metrics) and maps failures through <see cref="AiPlatformErrors"/>, adding what the generic mapping cannot know: which resource a
/// 404 was about, and that a body the API does not define is a malformed response rather than a success.
/// </summary>
internal sealed class ServiceCalls(string service, ClientInstrumentation instrumentation, Func<Exception, string, AiPlatformException?>? special = null)
{
    /// <summary>The error code of a response whose body does not match the API's definition.</summary>
    public const string MalformedResponse = "MalformedResponse";

    public string Service => service;

    public Task<T> RunAsync<T>(string operation, string? resource, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), e => Map(e, operation, resource), cancellationToken: cancellationToken);

    public Task RunAsync(string operation, string? resource, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), e => Map(e, operation, resource), cancellationToken);

    /// <summary>A typed error for a body that parsed to nothing or lacked a required field.</summary>
    public AiPlatformException Malformed(string operation, string detail) =>
        new(service, operation, $"{service} {operation}: the response is not what the API defines ({detail})", errorCode: MalformedResponse);

    public Exception Map(Exception exception, string operation, string? resource)
    {
        if (exception is OperationCanceledException or AiPlatformException)
        {
            return exception;
        }

        // A failure inside the HTTP pipeline (a token request, version detection) reaches here wrapped by Refit.
        if (exception is ApiRequestException { InnerException: AiPlatformException or OperationCanceledException } wrapped)
        {
            return wrapped.InnerException!;
        }

        if (special?.Invoke(exception, operation) is { } specific)
        {
            return specific;
        }

        if (exception is JsonException or ApiException { InnerException: JsonException } or ApiException { StatusCode: >= System.Net.HttpStatusCode.OK and < System.Net.HttpStatusCode.MultipleChoices })
        {
            var status = exception is ApiException api ? (int?)api.StatusCode : null;
            return new AiPlatformException(service, operation,
                $"{service} {operation}: the response body is not what the API defines ({(exception.InnerException ?? exception).Message})",
                status, MalformedResponse, innerException: exception);
        }

        var mapped = AiPlatformErrors.FromException(exception, service, operation);
        return mapped is AiPlatformNotFoundException notFound && resource is not null
            ? new AiPlatformNotFoundException(service, operation,
                $"{service} {operation}: {resource} was not found" + (notFound.ServerMessage is { Length: > 0 } m ? $" ({m})" : string.Empty),
                notFound.StatusCode, notFound.ErrorCode, notFound.ServerMessage, exception)
            : mapped;
    }
}
