using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AiPlatform.Sdk.Identity.Policies;

/// <summary>
/// The answer of OPA's Data API for one policy path. An undefined decision (OPA answered <c>{}</c> without <c>result</c>)
/// is a deny.
/// </summary>
public sealed class PolicyDecision
{
    internal PolicyDecision(JsonElement? result, string? decisionId)
    {
        Result = result;
        DecisionId = decisionId;
    }

    /// <summary>The decision document, or <see langword="null"/> when the policy is undefined for the input.</summary>
    public JsonElement? Result { get; }

    /// <summary>OPA's decision id, present when decision logging is on.</summary>
    public string? DecisionId { get; }

    /// <summary>Whether the policy produced a decision at all.</summary>
    public bool IsDefined => Result is not null;

    /// <summary>
    /// <see langword="true"/> when the decision is <c>true</c>, or an object whose <c>allow</c> member is <c>true</c>;
    /// anything else, an undefined decision included, is a deny.
    /// </summary>
    public bool IsAllowed => Result switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.Object } r => r.TryGetProperty("allow", out var allow) && allow.ValueKind == JsonValueKind.True,
        _ => false,
    };

    /// <summary>Reads the decision as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The decision's shape.</typeparam>
    /// <param name="typeInfo">The source-generated type information of <typeparamref name="T"/>.</param>
    /// <returns>The decision, or <see langword="default"/> when undefined.</returns>
    public T? As<T>(JsonTypeInfo<T> typeInfo) => Result is { } result ? result.Deserialize(typeInfo) : default;
}
