using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Registration;

/// <summary>
/// Describes one SDK client for <see cref="AiPlatformBuilder.AddClient{TService, TSettings}"/>: where its settings live, which layer's
/// telemetry it reports to, how it is built and how its health is checked. Each client package declares one as a static field and
/// calls <c>AddClient</c> from both its <c>AddX</c> and <c>AddKeyedX</c> methods.
/// </summary>
/// <typeparam name="TService">The client's public service type.</typeparam>
/// <typeparam name="TSettings">The client's settings.</typeparam>
public sealed class ClientRegistration<TService, TSettings>
    where TService : class
    where TSettings : AiPlatformClientSettings
{
    /// <summary>The part's name, such as <c>object-store</c>: the health check is <c>aiplatform-{Part}[-{key}]</c>.</summary>
    public required string Part { get; init; }

    /// <summary>The settings path below <c>AiPlatform</c>, such as <c>Data:ObjectStore</c>; a keyed client also binds <c>{SectionPath}:{key}</c>.</summary>
    public required string SectionPath { get; init; }

    /// <summary>The layer whose span source and meter the client reports to, one of <see cref="Telemetry.AiPlatformTelemetry"/>'s names.</summary>
    public required string Layer { get; init; }

    /// <summary>Builds the client from its bound settings; called once per key, on first resolution.</summary>
    public required Func<ClientContext<TSettings>, TService> Create { get; init; }

    /// <summary>Adds what the client needs besides itself, such as its named <see cref="HttpClient"/>s; called once per key.</summary>
    public Action<AiPlatformBuilder, ClientName>? Transport { get; init; }

    /// <summary>Builds the client's readiness check from the client and its context; <see langword="null"/> when the client has none.</summary>
    public Func<TService, ClientContext<TSettings>, IHealthCheck>? HealthCheck { get; init; }

    /// <summary>The health check's name for a client key.</summary>
    /// <param name="key">The key of a keyed client, or <see langword="null"/>.</param>
    /// <returns><c>aiplatform-{Part}</c> or <c>aiplatform-{Part}-{key}</c>.</returns>
    public string HealthCheckName(string? key) => "aiplatform-" + new ClientName(Part, key);
}
