using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using AiPlatform.Sdk;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.AspNetCore;

/// <summary>
/// The OpenAI-compatible <c>POST /v1/embeddings</c> over the application's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>,
/// bounded by <see cref="EmbeddingsEndpointSettings"/> (<c>AiPlatform:Server:Embeddings</c>).
/// </summary>
internal static class EmbeddingEndpoints
{
    private const string DefaultModelId = "embeddings";
    private const string LimitKey = "embeddings";

    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbeddingsEndpointSettings>().Bind(builder.Configuration.GetSection(EmbeddingsEndpointSettings.SectionPath))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddKeyedSingleton(LimitKey, (services, _) =>
        {
            var settings = services.GetRequiredService<IOptions<EmbeddingsEndpointSettings>>().Value;
            return new ConcurrencyLimit(settings.MaxConcurrentRequests, settings.MaxQueuedRequests);
        });
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/embeddings", CreateEmbeddingsAsync).RequireAuthorization(ServerPolicies.Read);
    }

    private static async Task<IResult> CreateEmbeddingsAsync(
        HttpRequest request,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        [FromKeyedServices(LimitKey)] ConcurrencyLimit limit,
        IOptions<EmbeddingsEndpointSettings> settings,
        CancellationToken cancellationToken)
    {
        // Admitted before the body is read, so that only admitted requests hold a parsed body.
        using var lease = await limit.TryEnterAsync(cancellationToken);
        if (lease is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Embedding model busy",
                detail: "Every embedding slot and queue place is taken; retry later.");
        }

        EmbeddingsRequest parsed;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            parsed = EmbeddingsRequest.Parse(body.RootElement, settings.Value);
        }
        catch (JsonException ex)
        {
            return BadRequest($"The body is not valid JSON: {ex.Message}");
        }
        catch (FormatException ex)
        {
            return BadRequest(ex.Message);
        }
        catch (InvalidOperationException)
        {
            return BadRequest("A text holds a lone surrogate or invalid UTF-8; inputs must be valid Unicode.");
        }

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        if (parsed.Model is not null && !string.Equals(parsed.Model, metadata?.DefaultModelId, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Model not found",
                detail: $"The model '{parsed.Model}' is not served here; use '{metadata?.DefaultModelId}'.");
        }

        if (parsed.Dimensions is { } dimensions && dimensions != metadata?.DefaultModelDimensions)
        {
            return BadRequest($"The model produces {metadata?.DefaultModelDimensions} dimensions, not {dimensions}.");
        }

        try
        {
            var embeddings = await generator.GenerateAsync(parsed.Inputs, cancellationToken: cancellationToken);
            return Results.Bytes(Write(embeddings, metadata?.DefaultModelId ?? DefaultModelId, parsed.Base64), "application/json");
        }
        catch (AiPlatformValidationException ex)
        {
            return BadRequest(ex.Message);
        }
    }

    private static ReadOnlyMemory<byte> Write(GeneratedEmbeddings<Embedding<float>> embeddings, string model, bool base64)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            for (var i = 0; i < embeddings.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", i);
                var vector = embeddings[i].Vector.Span;
                if (base64)
                {
                    writer.WriteBase64String("embedding", MemoryMarshal.AsBytes(vector));
                }
                else
                {
                    writer.WriteStartArray("embedding");
                    foreach (var value in vector)
                    {
                        writer.WriteNumberValue(value);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("model", model);
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", embeddings.Usage?.InputTokenCount ?? 0);
            writer.WriteNumber("total_tokens", embeddings.Usage?.TotalTokenCount ?? 0);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid embeddings request", detail: detail);

    /// <summary>The fields of an OpenAI embeddings request that the host reads.</summary>
    private sealed record EmbeddingsRequest(string[] Inputs, string? Model, bool Base64, int? Dimensions)
    {
        public static EmbeddingsRequest Parse(JsonElement root, EmbeddingsEndpointSettings limits)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The body must be a JSON object with an 'input' field.");
            }

            if (!root.TryGetProperty("input", out var input))
            {
                throw new FormatException("The 'input' field is required: a string or an array of strings.");
            }

            string[] inputs = input.ValueKind switch
            {
                JsonValueKind.String => [input.GetString()!],
                JsonValueKind.Array when input.GetArrayLength() > 0 && input.GetArrayLength() <= limits.MaxInputs &&
                                         input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                    [.. input.EnumerateArray().Select(e => e.GetString()!)],
                _ => throw new FormatException($"'input' must be a string or an array of 1 to {limits.MaxInputs} strings."),
            };
            if (inputs.FirstOrDefault(i => i.Length > limits.MaxInputCharacters) is { } tooLong)
            {
                throw new FormatException($"An input of {tooLong.Length} characters is longer than the limit of {limits.MaxInputCharacters}.");
            }

            return new EmbeddingsRequest(inputs, OptionalString(root, "model"), ParseEncoding(OptionalString(root, "encoding_format")), ParseDimensions(root));
        }

        private static string? OptionalString(JsonElement root, string name) =>
            !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new FormatException($"'{name}' must be a string.");

        private static bool ParseEncoding(string? format) => format switch
        {
            null or "float" => false,
            "base64" => true,
            _ => throw new FormatException("'encoding_format' must be 'float' or 'base64'."),
        };

        private static int? ParseDimensions(JsonElement root) =>
            !root.TryGetProperty("dimensions", out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.TryGetInt32(out var dimensions) && dimensions > 0 ? dimensions
            : throw new FormatException("'dimensions' must be a positive integer.");
    }
}
