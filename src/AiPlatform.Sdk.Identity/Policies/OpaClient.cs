using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Identity.Policies;

/// <summary>The Data API of Open Policy Agent over the platform's HTTP pipeline.</summary>
internal sealed partial class OpaClient(IHttpClientFactory httpClientFactory, string httpClientName, ILogger logger) : IPolicyClient
{
    private const string Service = "opa";

    public async Task<PolicyDecision> EvaluateAsync(string policyPath, JsonNode? input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyPath);
        var path = "v1/data/" + string.Join('/', policyPath.Trim('/').Split('/').Select(Uri.EscapeDataString));
        var body = new JsonObject { ["input"] = input?.DeepClone() };
        try
        {
            using var response = await httpClientFactory.CreateClient(httpClientName)
                .PostAsync(path, JsonContent.Create(body, OpaJsonContext.Default.JsonObject), cancellationToken).ConfigureAwait(false);
            await AiPlatformErrors.EnsureSuccessAsync(response, Service, "Evaluate", cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadFromJsonAsync(OpaJsonContext.Default.OpaDataResponse, cancellationToken).ConfigureAwait(false);
            var decision = new PolicyDecision(answer?.Result is { ValueKind: not JsonValueKind.Undefined } r ? r : null, answer?.DecisionId);
            LogDecision(logger, policyPath, decision.IsDefined, decision.IsAllowed);
            return decision;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, policyPath, ex.Message);
            throw AiPlatformErrors.FromException(ex, Service, "Evaluate");
        }
    }

    public async Task<bool> IsAllowedAsync(string policyPath, JsonNode? input, CancellationToken cancellationToken = default) =>
        (await EvaluateAsync(policyPath, input, cancellationToken).ConfigureAwait(false)).IsAllowed;

    [LoggerMessage(EventId = 6011, Level = LogLevel.Debug, Message = "OPA decided {PolicyPath}: defined {Defined}, allowed {Allowed}")]
    private static partial void LogDecision(ILogger logger, string policyPath, bool defined, bool allowed);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "OPA could not decide {PolicyPath}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string policyPath, string reason);
}

/// <summary>The body of a Data API answer: <c>{"result": ..., "decision_id": ...}</c>, or <c>{}</c> when undefined.</summary>
internal sealed record OpaDataResponse(
    [property: JsonPropertyName("result")] JsonElement? Result,
    [property: JsonPropertyName("decision_id")] string? DecisionId);

[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(OpaDataResponse))]
internal sealed partial class OpaJsonContext : JsonSerializerContext;
