using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Identity.Policies;

/// <summary>The Data API of Open Policy Agent over the platform's HTTP pipeline.</summary>
internal sealed class OpaClient(IHttpClientFactory httpClientFactory) : IPolicyClient
{
    public const string HttpClientName = "aiplatform-opa";
    private const string Service = "opa";

    public async Task<PolicyDecision> EvaluateAsync(string policyPath, JsonNode? input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyPath);
        var path = "v1/data/" + string.Join('/', policyPath.Trim('/').Split('/').Select(Uri.EscapeDataString));
        var body = new JsonObject { ["input"] = input?.DeepClone() };
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName)
                .PostAsync(path, JsonContent.Create(body, OpaJsonContext.Default.JsonObject), cancellationToken).ConfigureAwait(false);
            await AiPlatformErrors.EnsureSuccessAsync(response, Service, "Evaluate", cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadFromJsonAsync(OpaJsonContext.Default.OpaDataResponse, cancellationToken).ConfigureAwait(false);
            return new PolicyDecision(answer?.Result is { ValueKind: not JsonValueKind.Undefined } r ? r : null, answer?.DecisionId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw AiPlatformErrors.FromException(ex, Service, "Evaluate");
        }
    }

    public async Task<bool> IsAllowedAsync(string policyPath, JsonNode? input, CancellationToken cancellationToken = default) =>
        (await EvaluateAsync(policyPath, input, cancellationToken).ConfigureAwait(false)).IsAllowed;
}

/// <summary>The body of a Data API answer: <c>{"result": ..., "decision_id": ...}</c>, or <c>{}</c> when undefined.</summary>
internal sealed record OpaDataResponse(
    [property: JsonPropertyName("result")] JsonElement? Result,
    [property: JsonPropertyName("decision_id")] string? DecisionId);

[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(OpaDataResponse))]
internal sealed partial class OpaJsonContext : JsonSerializerContext;
