using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiPlatform.Sdk.Identity.Secrets;

/// <summary>
/// Loads one KV version 2 secret into configuration and reloads it on a schedule. Each key of the secret becomes a configuration
/// key, with <c>__</c> read as <c>:</c> (so <c>AiPlatform__Identity__ClientSecret</c> sets <c>AiPlatform:Identity:ClientSecret</c>),
/// under <see cref="KeyPrefix"/> when set.
/// </summary>
public sealed class VaultConfigurationSource : IConfigurationSource
{
    /// <summary>The Vault connection and login.</summary>
    public required VaultSettings Settings { get; init; }

    /// <summary>The secret's path below the KV mount.</summary>
    public required string SecretPath { get; init; }

    /// <summary>A configuration path to put the keys under, such as <c>AiPlatform:Identity</c>.</summary>
    public string? KeyPrefix { get; init; }

    /// <summary>How often the secret is read again; default five minutes, <see cref="TimeSpan.Zero"/> to load once.</summary>
    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>When <see langword="true"/>, a failed first load leaves the keys out instead of failing start-up.</summary>
    public bool Optional { get; init; }

    /// <summary>The clock of the reload timer.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The transport to Vault; by default a new client for <see cref="RemoteClientSettings.Endpoint"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <inheritdoc/>
    public IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        var http = new HttpClient(Handler ?? new SocketsHttpHandler(), disposeHandler: Handler is null)
        {
            BaseAddress = Settings.Endpoint,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var store = new VaultSecretStore(() => http, Settings, TimeProvider, NullLogger.Instance);
        return new VaultConfigurationProvider(this, store, http);
    }
}
