using System.Text.Json;
using AiPlatform.Sdk.Data.Events;
using Microsoft.AspNetCore.Http.Features;

namespace AiPlatform.Sdk.AspNetCore.Data;

/// <summary>
/// <c>POST /v1/events/{topic}?key=</c>: publishes the JSON body as one event. Headers <c>x-event-type</c> and <c>x-event-version</c>
/// set the schema name (default <c>json</c>) and version (default 1).
/// </summary>
internal static class EventEndpoints
{
    private const int MaxEventBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/events").WithTags("Events").WithDataProblems();
        group.MapPost("/{topic}", PublishAsync).RequireAuthorization(ServerPolicies.Write);
    }

    private static async Task<IResult> PublishAsync(string topic, string? key, HttpContext http, IEventStream stream, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxEventBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Event too large", detail: $"An event may hold at most {MaxEventBytes} bytes.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxEventBytes;
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        try
        {
            using var _ = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid JSON", detail: ex.Message);
        }

        var type = http.Request.Headers["x-event-type"].ToString() is { Length: > 0 } named ? named : "json";
        var version = int.TryParse(http.Request.Headers["x-event-version"], out var v) ? v : 1;
        await stream.PublishAsync(topic, new StreamEvent { Type = type, Version = version, Key = key, Payload = buffer.ToArray() }, ct);
        return Results.Accepted(value: new PublishedEvent(topic, type, version, key));
    }
}
