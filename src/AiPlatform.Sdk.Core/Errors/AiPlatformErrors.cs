using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using RpcStatus = Grpc.Core.StatusCode;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace AiPlatform.Sdk;

/// <summary>
/// The one place where transport failures (<see cref="HttpRequestException"/>, Refit's <see cref="ApiException"/>, gRPC's
/// <see cref="RpcException"/>, resilience timeouts and open circuits) become <see cref="AiPlatformException"/> subclasses.
/// </summary>
public static class AiPlatformErrors
{
    private const int MaxServerMessageLength = 2048;

    /// <summary>Creates the exception subclass that fits an HTTP status.</summary>
    /// <param name="service">The service that failed.</param>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> when no server answered.</param>
    /// <param name="errorCode">The server's error code.</param>
    /// <param name="serverMessage">The server's message.</param>
    /// <param name="retryAfter">The wait a throttling server asked for.</param>
    /// <param name="innerException">The cause.</param>
    /// <returns>The mapped exception; the caller throws it.</returns>
    public static AiPlatformException FromStatus(
        string service,
        string operation,
        int? statusCode,
        string? errorCode = null,
        string? serverMessage = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null) => statusCode switch
        {
            400 or 413 or 422 => new AiPlatformValidationException(service, operation, null, statusCode, errorCode, serverMessage, innerException),
            401 => new AiPlatformUnauthorizedException(service, operation, null, statusCode, errorCode, serverMessage, innerException),
            403 => new AiPlatformForbiddenException(service, operation, null, statusCode, errorCode, serverMessage, innerException),
            404 => new AiPlatformNotFoundException(service, operation, null, statusCode, errorCode, serverMessage, innerException),
            409 or 412 => new AiPlatformConflictException(service, operation, null, statusCode, errorCode, serverMessage, innerException),
            429 => new AiPlatformThrottledException(service, operation, retryAfter, null, statusCode, errorCode, serverMessage, innerException),
            _ => new AiPlatformException(service, operation, null, statusCode, errorCode, serverMessage, innerException),
        };

    /// <summary>Reads a failed response (its body is consumed) and creates the matching exception with the server's message.</summary>
    /// <param name="response">The response whose status is not a success.</param>
    /// <param name="service">The service that failed.</param>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The mapped exception; the caller throws it.</returns>
    public static async Task<AiPlatformException> FromResponseAsync(
        HttpResponseMessage response, string service, string operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (message, code) = ParseBody(body);
        return FromStatus(service, operation, (int)response.StatusCode, code, message, RetryAfter(response.Headers.RetryAfter));
    }

    /// <summary>Throws the mapped exception unless <paramref name="response"/> is a success.</summary>
    /// <param name="response">The response to check.</param>
    /// <param name="service">The service called.</param>
    /// <param name="operation">The operation called.</param>
    /// <param name="cancellationToken">Cancels reading the body of a failure.</param>
    /// <exception cref="AiPlatformException">The response is not a success.</exception>
    public static async Task EnsureSuccessAsync(
        HttpResponseMessage response, string service, string operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            throw await FromResponseAsync(response, service, operation, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Maps a transport exception into the hierarchy. Exceptions that are already <see cref="AiPlatformException"/>,
    /// and cancellations the caller asked for, come back unchanged.
    /// </summary>
    /// <param name="exception">The exception a transport threw.</param>
    /// <param name="service">The service called.</param>
    /// <param name="operation">The operation called.</param>
    /// <param name="endpoint">The address called, named in the message when no server answered.</param>
    /// <returns>The exception to throw.</returns>
    public static Exception FromException(Exception exception, string service, string operation, Uri? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = endpoint is null ? string.Empty : $" at {endpoint.GetLeftPart(UriPartial.Authority)}";
        return exception switch
        {
            AiPlatformException => exception,
            ApiException api => FromApi(api, service, operation),
            ApiRequestException { InnerException: { } inner } => FromException(inner, service, operation, endpoint),
            RpcException rpc => FromRpc(rpc, service, operation),
            HttpRequestException { StatusCode: { } status } http =>
                FromStatus(service, operation, (int)status, null, http.Message, innerException: http),
            HttpRequestException http => new AiPlatformException(
                service, operation, $"{service} {operation} failed: the server{where} could not be reached ({http.Message})", innerException: http),
            TimeoutRejectedException timeout => new AiPlatformException(
                service, operation, $"{service} {operation} timed out after {timeout.Timeout.TotalSeconds:0.###} s{where}", 408, "Timeout", innerException: timeout),
            BrokenCircuitException broken => new AiPlatformException(
                service, operation, $"{service} {operation} was not attempted: the circuit{where} is open after repeated failures", 503, "CircuitOpen", innerException: broken),
            _ => exception,
        };
    }

    // Refit stays out of the public API (users never bind to its version): clients map its exceptions through FromException.
    internal static AiPlatformException FromApi(ApiException exception, string service, string operation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (message, code) = ParseBody(exception.Content);
        return FromStatus(service, operation, (int)exception.StatusCode, code, message ?? exception.ReasonPhrase,
            RetryAfter(exception.Headers.RetryAfter), exception);
    }

    /// <summary>Maps a gRPC <see cref="RpcException"/>: the status becomes its HTTP equivalent and the error code is the gRPC status name.</summary>
    /// <param name="exception">The gRPC exception.</param>
    /// <param name="service">The service called.</param>
    /// <param name="operation">The operation called.</param>
    /// <returns>The mapped exception.</returns>
    public static AiPlatformException FromRpc(RpcException exception, string service, string operation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var http = exception.StatusCode switch
        {
            RpcStatus.InvalidArgument or RpcStatus.FailedPrecondition or RpcStatus.OutOfRange => 400,
            RpcStatus.Unauthenticated => 401,
            RpcStatus.PermissionDenied => 403,
            RpcStatus.NotFound => 404,
            RpcStatus.AlreadyExists or RpcStatus.Aborted => 409,
            RpcStatus.ResourceExhausted => 429,
            RpcStatus.Cancelled => 499,
            RpcStatus.Unimplemented => 501,
            RpcStatus.Unavailable => 503,
            RpcStatus.DeadlineExceeded => 504,
            _ => 500,
        };
        return FromStatus(service, operation, http, exception.StatusCode.ToString(), exception.Status.Detail, innerException: exception);
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Finds the human message in common error bodies: ProblemDetails, <c>{"error": ...}</c>, <c>{"message": ...}</c>, <c>{"errors": [...]}</c> or plain text.</summary>
    internal static (string? Message, string? Code) ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                var message = Text(root, "detail") ?? Text(root, "message") ?? Text(root, "error_description") ??
                              ErrorText(root) ?? Text(root, "title");
                var code = Text(root, "error_code") ?? Text(root, "code") ?? (Text(root, "error_description") is null ? null : Text(root, "error"));
                return (Truncate(message ?? body), code);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body is the message.
        }

        return (Truncate(body.Trim()), null);
    }

    private static string? ErrorText(JsonElement root)
    {
        if (root.TryGetProperty("error", out var error))
        {
            return Describe(error);
        }

        return root.TryGetProperty("errors", out var errors) ? Describe(errors) : null;
    }

    // A string, an object with a message, or an array of either (Weaviate: {"error": [{"message": "..."}]}).
    private static string? Describe(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.String => error.GetString(),
        JsonValueKind.Object => Text(error, "message") ?? error.GetRawText(),
        JsonValueKind.Array => string.Join("; ", error.EnumerateArray().Select(Describe)),
        _ => error.GetRawText(),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string text) =>
        text.Length <= MaxServerMessageLength ? text : string.Concat(text.AsSpan(0, MaxServerMessageLength), "...");
}
