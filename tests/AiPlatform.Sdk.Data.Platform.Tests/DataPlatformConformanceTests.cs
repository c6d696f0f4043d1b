using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests;

/// <summary>
/// The conformance suite (default and keyed) for a data-platform client: a Kestrel fake answers the exercised call, telemetry is on
/// <c>AiPlatform.Data</c>, the readiness check is <c>aiplatform-{part}[-{key}]</c>.
/// </summary>
/// <typeparam name="TService">The client's public service type.</typeparam>
/// <typeparam name="TSettings">The client's settings.</typeparam>
public abstract class DataPlatformConformanceTests<TService, TSettings> : KeyedConformanceTests<TService, TSettings>, IAsyncLifetime
    where TService : class
    where TSettings : RemoteClientSettings
{
    private KestrelTestServer? _server;

    /// <summary>The client's part name.</summary>
    protected abstract string Part { get; }

    protected override string TelemetryName => AiPlatformTelemetry.Data;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?> { ["Endpoint"] = _server!.BaseAddress.ToString() };

    /// <summary>Maps the routes the exercised call needs.</summary>
    /// <param name="app">The fake's application.</param>
    protected abstract void MapFake(WebApplication app);

    /// <summary>Registers services the fake's routes need (a gRPC fake's services).</summary>
    /// <param name="services">The fake's services.</param>
    protected virtual void ConfigureFake(IServiceCollection services)
    {
    }

    /// <summary>The fake's protocols: HTTP/1.1 for REST systems, <see cref="HttpProtocols.Http2"/> for gRPC over cleartext.</summary>
    protected virtual HttpProtocols FakeProtocols => HttpProtocols.Http1;

    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync(MapFake, ConfigureFake, FakeProtocols);

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    protected override string HealthCheckName(string? key) => key is null ? $"aiplatform-{Part}" : $"aiplatform-{Part}-{key}";
}
