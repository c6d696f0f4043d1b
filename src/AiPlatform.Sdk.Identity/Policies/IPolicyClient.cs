using System.Text.Json.Nodes;

namespace AiPlatform.Sdk.Identity.Policies;

/// <summary>Asks Open Policy Agent for decisions through its Data API (<c>POST /v1/data/{path}</c>).</summary>
public interface IPolicyClient
{
    /// <summary>Evaluates the policy at <paramref name="policyPath"/> for <paramref name="input"/>.</summary>
    /// <param name="policyPath">The rule's path with slashes, such as <c>aiplatform/authz/allow</c>.</param>
    /// <param name="input">The <c>input</c> document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision; undefined when OPA answered without a result.</returns>
    /// <exception cref="AiPlatformException">OPA answered with an error or could not be reached.</exception>
    Task<PolicyDecision> EvaluateAsync(string policyPath, JsonNode? input, CancellationToken cancellationToken = default);

    /// <summary>Evaluates the policy and tells whether it allows (see <see cref="PolicyDecision.IsAllowed"/>).</summary>
    /// <param name="policyPath">The rule's path with slashes.</param>
    /// <param name="input">The <c>input</c> document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> only for an explicit allow.</returns>
    /// <exception cref="AiPlatformException">OPA answered with an error or could not be reached.</exception>
    Task<bool> IsAllowedAsync(string policyPath, JsonNode? input, CancellationToken cancellationToken = default);
}
