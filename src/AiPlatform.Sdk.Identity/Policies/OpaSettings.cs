namespace AiPlatform.Sdk.Identity.Policies;

/// <summary>Settings of the Open Policy Agent client, bound from <c>AiPlatform:Identity:Opa</c>.</summary>
public sealed class OpaSettings : RemoteClientSettings
{
    /// <summary>The policy a host asks when an endpoint names none, such as <c>aiplatform/authz/allow</c>.</summary>
    public string DefaultPolicyPath { get; set; } = "aiplatform/authz/allow";

    /// <summary>How long a host reuses a decision for the same input; default five seconds, zero to ask every time.</summary>
    public TimeSpan DecisionCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When <see langword="true"/> (default), a host denies requests while OPA cannot be reached; otherwise it allows them.</summary>
    public bool DenyWhenUnavailable { get; set; } = true;
}
