using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AiPlatform.Sdk;
using AiPlatform.Sdk.Identity.Policies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>Requires an allow from Open Policy Agent for the request; the policy path comes from <see cref="OpaPolicyAttribute"/> or the default.</summary>
internal sealed class OpaRequirement : IAuthorizationRequirement;

/// <summary>Names the OPA policy an endpoint is decided by, instead of <c>AiPlatform:Identity:Opa:DefaultPolicyPath</c>.</summary>
/// <param name="policyPath">The rule's path, such as <c>aiplatform/collections/allow</c>.</param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class OpaPolicyAttribute(string policyPath) : Attribute
{
    public string PolicyPath { get; } = policyPath;
}

/// <summary>Endpoint helpers for OPA decisions.</summary>
internal static class OpaEndpointExtensions
{
    /// <summary>Decides requests to these endpoints with the OPA policy at <paramref name="policyPath"/>.</summary>
    public static TBuilder RequireOpaPolicy<TBuilder>(this TBuilder builder, string policyPath)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpaPolicyAttribute(policyPath));
}

/// <summary>
/// Asks OPA whether the caller may make the request, with input <c>{method, path, subject, client, roles, scopes}</c>. Decisions
/// are cached briefly per input; an undefined decision is a deny; when OPA cannot be reached the request is denied unless
/// <c>AiPlatform:Identity:Opa:DenyWhenUnavailable</c> is <see langword="false"/>.
/// </summary>
internal sealed partial class OpaAuthorizationHandler(
    IPolicyClient policies, IOptions<OpaSettings> options, TimeProvider timeProvider, ILogger<OpaAuthorizationHandler> logger)
    : AuthorizationHandler<OpaRequirement>
{
    private const int MaxCachedDecisions = 10_000;
    private readonly ConcurrentDictionary<string, (bool Allowed, DateTimeOffset Until)> _decisions = new(StringComparer.Ordinal);

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OpaRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            return;
        }

        var settings = options.Value;
        var path = http.GetEndpoint()?.Metadata.GetMetadata<OpaPolicyAttribute>()?.PolicyPath ?? settings.DefaultPolicyPath;
        var input = Input(http);
        var key = path + "\n" + input.ToJsonString();
        var now = timeProvider.GetUtcNow();
        if (!_decisions.TryGetValue(key, out var cached) || cached.Until <= now)
        {
            cached = (await DecideAsync(path, input, settings, http.RequestAborted), now + settings.DecisionCacheDuration);
            if (settings.DecisionCacheDuration > TimeSpan.Zero)
            {
                if (_decisions.Count >= MaxCachedDecisions)
                {
                    _decisions.Clear();
                }

                _decisions[key] = cached;
            }
        }

        if (cached.Allowed)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, $"OPA policy {path} denied the request."));
        }
    }

    private async Task<bool> DecideAsync(string path, JsonObject input, OpaSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await policies.IsAllowedAsync(path, input, cancellationToken);
        }
        catch (AiPlatformException ex)
        {
            LogUnavailable(logger, path, settings.DenyWhenUnavailable ? "denied" : "allowed", ex.Message);
            return !settings.DenyWhenUnavailable;
        }
    }

    private static JsonObject Input(HttpContext http)
    {
        var user = http.User;
        return new JsonObject
        {
            ["method"] = http.Request.Method,
            ["path"] = http.Request.Path.Value,
            ["subject"] = user.FindFirst("sub")?.Value,
            ["client"] = (user.FindFirst("azp") ?? user.FindFirst("client_id"))?.Value,
            ["roles"] = new JsonArray([.. user.FindAll(KeycloakRoleClaims.RoleClaimType).Select(c => (JsonNode?)JsonValue.Create(c.Value))]),
            ["scopes"] = new JsonArray([.. (user.FindFirst("scope")?.Value ?? string.Empty)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => (JsonNode?)JsonValue.Create(s))]),
        };
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "OPA could not decide {PolicyPath}; the request is {Outcome}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string policyPath, string outcome, string reason);
}
