using Grpc.Core;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>A request the protocol rejects, with the gRPC status it answers (REST maps it to the HTTP status).</summary>
internal sealed class InferenceProtocolException(StatusCode status, string message, int? httpStatus = null) : Exception(message)
{
    public StatusCode Status { get; } = status;

    public int HttpStatus => httpStatus ?? Status switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition => StatusCodes.Status400BadRequest,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.ResourceExhausted => StatusCodes.Status413PayloadTooLarge,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.Cancelled => 499,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static InferenceProtocolException Invalid(string message) => new(StatusCode.InvalidArgument, message);

    public static InferenceProtocolException NotFound(string message) => new(StatusCode.NotFound, message);

    /// <summary>Every slot and queue place of the model is taken: RESOURCE_EXHAUSTED over gRPC, 429 over REST.</summary>
    public static InferenceProtocolException Busy(string model) =>
        new(StatusCode.ResourceExhausted, $"model '{model}' is busy: every inference slot and queue place is taken; retry later", StatusCodes.Status429TooManyRequests);
}
