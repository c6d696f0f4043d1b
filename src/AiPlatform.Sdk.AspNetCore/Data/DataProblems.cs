using AiPlatform.Sdk;

namespace AiPlatform.Sdk.AspNetCore.Data;

/// <summary>Turns the SDK's data exceptions into problem responses with the matching status.</summary>
internal static class DataProblems
{
    public static RouteGroupBuilder WithDataProblems(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (AiPlatformException ex)
            {
                var status = ex switch
                {
                    AiPlatformNotFoundException => StatusCodes.Status404NotFound,
                    AiPlatformValidationException => StatusCodes.Status400BadRequest,
                    AiPlatformConflictException => StatusCodes.Status409Conflict,
                    AiPlatformThrottledException { StatusCode: { } code } => code,
                    AiPlatformThrottledException => StatusCodes.Status429TooManyRequests,
                    _ when ex.IsTransient => StatusCodes.Status503ServiceUnavailable,
                    _ => StatusCodes.Status502BadGateway,
                };
                return Results.Problem(statusCode: status, title: $"{ex.Service} {ex.Operation} failed", detail: ex.Message, type: ex.ErrorCode);
            }
        });
        return group;
    }
}
