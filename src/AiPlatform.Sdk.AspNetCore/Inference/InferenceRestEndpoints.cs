using System.Globalization;
using System.Text.Json;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using Google.Protobuf;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// The protocol's REST endpoints (<c>/v2/...</c>) with the binary tensor data, model repository, configuration and statistics
/// extensions. Failures answer <c>{"error": "..."}</c> with 400 (bad request), 404 (unknown model), 413 (too large) or 503. Bodies
/// are JSON, <c>application/octet-stream</c> (binary tensor data) or untyped, as <c>tritonclient</c> sends them; another media type
/// is a 415 problem (<see cref="RequestMediaTypes"/>).
/// </summary>
internal static class InferenceRestEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/v2").RequireAuthorization(ServerPolicies.Read);
        read.MapGet("/health/live", (HttpContext c) => WriteJson(c, w => { w.WriteStartObject(); w.WriteBoolean("live", true); w.WriteEndObject(); }));
        read.MapGet("/health/ready", (HttpContext c, ModelRepository repository) =>
        {
            var ready = repository.AllLoadable();
            c.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
            return WriteJson(c, w => { w.WriteStartObject(); w.WriteBoolean("ready", ready); w.WriteEndObject(); });
        });
        read.MapGet(string.Empty, (HttpContext c) => WriteMessage(c, InferenceServer.Metadata()));
        read.MapGet("/models/stats", (HttpContext c, ModelRepository repository) =>
            Answer(c, () => WriteMessage(c, InferenceServer.Statistics(repository, string.Empty, string.Empty))));
        foreach (var prefix in new[] { "/models/{model}", "/models/{model}/versions/{version}" })
        {
            read.MapGet(prefix, (HttpContext c, ModelRepository repository, string model, string? version) =>
                Answer(c, () => WriteMessage(c, repository.Get(model, version).Metadata(repository.Versions(model)))));
            read.MapGet(prefix + "/ready", (HttpContext c, ModelRepository repository, string model, string? version) =>
            {
                var ready = repository.IsReady(model, version);
                c.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
                return WriteJson(c, w => { w.WriteStartObject(); w.WriteString("name", model); w.WriteBoolean("ready", ready); w.WriteEndObject(); });
            });
            read.MapGet(prefix + "/config", (HttpContext c, ModelRepository repository, string model, string? version) =>
                Answer(c, () => WriteMessage(c, repository.Get(model, version).Config)));
            read.MapGet(prefix + "/stats", (HttpContext c, ModelRepository repository, string model, string? version) =>
                Answer(c, () => WriteMessage(c, InferenceServer.Statistics(repository, model, version ?? string.Empty))));
            read.MapPost(prefix + "/infer", (HttpContext c, InferenceExecutor executor, InferenceAdmission admission, IOptions<InferenceServerSettings> settings,
                    string model, string? version) =>
                Answer(c, async () =>
                {
                    // Admitted before the body is read, so that only admitted requests hold a buffered body.
                    using var lease = await admission.EnterAsync(model, c.RequestAborted).ConfigureAwait(false);
                    await InferAsync(c, executor, settings.Value.MaxRequestBytes, model, version, lease.Queued).ConfigureAwait(false);
                })).AlsoAccepts("application/octet-stream"); // the binary tensor data extension
        }

        read.MapPost("/repository/index", (HttpContext c, ModelRepository repository) => Answer(c, async () =>
        {
            // tritonclient sends no body at all for an unfiltered index; an empty body means {}.
            using var buffer = new MemoryStream();
            await c.Request.Body.CopyToAsync(buffer, c.RequestAborted).ConfigureAwait(false);
            using var body = JsonDocument.Parse(buffer.Length == 0 ? "{}"u8.ToArray() : buffer.ToArray());
            var ready = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("ready", out var r) && r.ValueKind == JsonValueKind.True;
            await WriteJson(c, w =>
            {
                w.WriteStartArray();
                foreach (var entry in repository.Index(ready))
                {
                    ProtoJson.Write(w, entry);
                }

                w.WriteEndArray();
            }).ConfigureAwait(false);
        }));
        var write = app.MapGroup("/v2/repository/models/{model}").RequireAuthorization(ServerPolicies.Write);
        write.MapPost("/load", (HttpContext c, ModelRepository repository, string model) => Answer(c, async () =>
        {
            // tritonclient sends no body for a plain load; {"parameters": {"config": "<JSON>"}} loads with a configuration override.
            using var buffer = new MemoryStream();
            await c.Request.Body.CopyToAsync(buffer, c.RequestAborted).ConfigureAwait(false);
            using var body = JsonDocument.Parse(buffer.Length == 0 ? "{}"u8.ToArray() : buffer.ToArray());
            var parameters = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
                ? p.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.ValueKind == JsonValueKind.String ? e.Value.GetString() : e.Value.GetRawText(), StringComparer.Ordinal)
                : [];
            repository.Load(model, LoadParameters.ConfigOverride(model, parameters));
        }));
        write.MapPost("/unload", (HttpContext c, ModelRepository repository, string model) => Answer(c, () =>
        {
            repository.Unload(model);
            return Task.CompletedTask;
        }));
    }

    private static async Task InferAsync(HttpContext context, InferenceExecutor executor, long limit, string model, string? version, TimeSpan queued)
    {
        if (context.Request.ContentLength > limit)
        {
            throw new InferenceProtocolException(Grpc.Core.StatusCode.ResourceExhausted, $"the request body of {context.Request.ContentLength} bytes exceeds the limit of {limit}");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream(context.Request.ContentLength is { } length ? (int)length : 4096);
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new InferenceProtocolException(Grpc.Core.StatusCode.ResourceExhausted, $"the request body exceeds the limit of {limit} bytes");
        }

        int? headerLength = context.Request.Headers.TryGetValue(InferenceRestCodec.HeaderContentLengthName, out var header)
            ? int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw InferenceProtocolException.Invalid($"{InferenceRestCodec.HeaderContentLengthName} is not a number")
            : null;
        ModelInferRequest request;
        ModelInferResponse response;
        (byte[] Body, int? HeaderLength) answer;
        try
        {
            request = Decode(body, headerLength, model, version);
            response = executor.Execute(request, queued, context.RequestAborted);
            answer = InferenceRestCodec.EncodeResponse(response, request);
        }
        catch (FormatException ex)
        {
            throw InferenceProtocolException.Invalid(ex.Message);
        }

        if (answer.HeaderLength is { } jsonLength)
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.Headers[InferenceRestCodec.HeaderContentLengthName] = jsonLength.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            context.Response.ContentType = "application/json";
        }

        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }

    // Malformed bodies surface from the codec as more than FormatException: text that is not valid Unicode (a lone surrogate,
    // invalid UTF-8) as InvalidOperationException, sizes that do not fit as overflow or range errors. All are the caller's.
    private static ModelInferRequest Decode(byte[] body, int? headerLength, string model, string? version)
    {
        try
        {
            return InferenceRestCodec.DecodeRequest(body, headerLength, model, version);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OverflowException or ArgumentException)
        {
            throw InferenceProtocolException.Invalid($"the request cannot be decoded: {ex.Message}");
        }
    }

    private static async Task Answer(HttpContext context, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (InferenceProtocolException ex)
        {
            await Error(context, ex.HttpStatus, ex.Message).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await Error(context, StatusCodes.Status400BadRequest, $"the body is not valid JSON: {ex.Message}").ConfigureAwait(false);
        }
    }

    private static Task Error(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return WriteJson(context, w => { w.WriteStartObject(); w.WriteString("error", message); w.WriteEndObject(); });
    }

    private static Task WriteMessage(HttpContext context, IMessage message) => WriteJson(context, w => ProtoJson.Write(w, message));

    private static async Task WriteJson(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        write(writer);
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
