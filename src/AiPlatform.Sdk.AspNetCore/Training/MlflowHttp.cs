using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AiPlatform.Sdk.Training.Tracking;
using AiPlatform.Sdk.Training.Tracking.Rest;

namespace AiPlatform.Sdk.AspNetCore.Training;

/// <summary>What every MLflow endpoint shares: request binding, MLflow's error answers, required parameters and page tokens.</summary>
internal static class MlflowHttp
{
    private const int MaxPageSize = 50_000;

    /// <summary>MLflow's page tokens are opaque: here the base64 of the next offset.</summary>
    public static (IEnumerable<T> Page, string? Next) Page<T>(List<T> all, long maxResults, string? token, string operation)
    {
        if (maxResults < 1 || maxResults > MaxPageSize)
        {
            throw TrackingErrors.Invalid(operation, $"Invalid value {maxResults} for parameter 'max_results': it must be between 1 and {MaxPageSize}.");
        }

        var offset = 0;
        if (!string.IsNullOrEmpty(token))
        {
            try
            {
                offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw TrackingErrors.Invalid(operation, $"Invalid page token '{token}'.");
            }
        }

        var end = (int)Math.Min(all.Count, offset + maxResults);
        var next = end < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(end.ToString(CultureInfo.InvariantCulture))) : null;
        return (all.Skip(offset).Take(end - offset), next);
    }

    public static async Task<IResult> Handle<TRequest>(HttpContext http, JsonTypeInfo<TRequest> type, Func<TRequest, CancellationToken, Task<IResult>> handle)
    {
        TRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, TrackingErrors.InvalidParameterValue, $"Malformed request body: {ex.Message}");
        }

        return request is null
            ? Error(StatusCodes.Status400BadRequest, TrackingErrors.InvalidParameterValue, "The request body must be a JSON object.")
            : await Handle(http, ct => handle(request, ct));
    }

    public static async Task<IResult> Handle(HttpContext http, Func<CancellationToken, Task<IResult>> handle)
    {
        try
        {
            return await handle(http.RequestAborted);
        }
        catch (AiPlatformNotFoundException ex)
        {
            return Error(StatusCodes.Status404NotFound, TrackingErrors.ResourceDoesNotExist, ex.ServerMessage ?? ex.Message);
        }
        catch (AiPlatformConflictException ex)
        {
            return Error(StatusCodes.Status400BadRequest, TrackingErrors.ResourceAlreadyExists, ex.ServerMessage ?? ex.Message);
        }
        catch (AiPlatformValidationException ex)
        {
            return Error(StatusCodes.Status400BadRequest, ex.ErrorCode ?? TrackingErrors.InvalidParameterValue, ex.ServerMessage ?? ex.Message);
        }
    }

    public static string Required(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw TrackingErrors.Invalid("Request", $"Missing value for required parameter '{name}'.") : value;

    public static string Query(HttpContext http, string name) => Required(http.Request.Query[name], name);

    public static string RunIdQuery(HttpContext http) =>
        Required(http.Request.Query["run_id"] is { Count: > 0 } id ? id.ToString() : http.Request.Query["run_uuid"].ToString(), "run_id");

    public static string? RunId(string? runId, string? runUuid) => string.IsNullOrEmpty(runId) ? runUuid : runId;

    public static IResult Ok<T>(T body, JsonTypeInfo<T> type) => Results.Text(JsonSerializer.Serialize(body, type), "application/json", Encoding.UTF8);

    public static IResult Empty() => Results.Text("{}", "application/json", Encoding.UTF8);

    public static IResult Error(int status, string code, string message) =>
        Results.Text(JsonSerializer.Serialize(new ErrorResponse(code, message), MlflowJsonContext.Default.ErrorResponse), "application/json", Encoding.UTF8, status);
}
