using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Registration;

/// <summary>What a <see cref="ClientRegistration{TService, TSettings}"/> gets to build its client: the application's services, the settings bound once for this key, and the client's instrumentation.</summary>
/// <typeparam name="TSettings">The client's settings.</typeparam>
public sealed class ClientContext<TSettings>
    where TSettings : AiPlatformClientSettings
{
    private readonly string _layer;

    internal ClientContext(IServiceProvider services, ClientName name, string layer)
    {
        Services = services;
        Name = name;
        _layer = layer;
        Settings = services.GetRequiredService<IOptionsMonitor<TSettings>>().Get(name.OptionsName);
    }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The client's name and key.</summary>
    public ClientName Name { get; }

    /// <summary>The client's settings: its section, its keyed sub-section, then code, validated.</summary>
    public TSettings Settings { get; }

    /// <summary>The application's clock.</summary>
    public TimeProvider Time => Services.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>The folder of embedded defaults, <c>AiPlatform:DataPath</c>, as a full path.</summary>
    public string DataPath => Path.GetFullPath(Services.GetRequiredService<IOptions<AiPlatformSettings>>().Value.DataPath);

    /// <summary>A logger of category <typeparamref name="TCategory"/> from the application's logger factory.</summary>
    /// <typeparam name="TCategory">The logging category.</typeparam>
    /// <returns>The logger.</returns>
    public ILogger Logger<TCategory>() => (Services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<TCategory>();

    /// <summary>The one instrumentation of the client's calls, on its layer's source and meter, honouring its <c>Disable*</c> settings.</summary>
    /// <typeparam name="TCategory">The logging category.</typeparam>
    /// <param name="component">The component named in spans and metrics, such as <c>s3</c> or <c>inference</c>.</param>
    /// <param name="endpoint">The remote address, named in connection errors.</param>
    /// <returns>The instrumentation.</returns>
    public ClientInstrumentation Instrumentation<TCategory>(string component, Uri? endpoint = null) =>
        new(component, Services.GetRequiredKeyedService<LayerTelemetry>(_layer), Settings, Logger<TCategory>(), Time, endpoint);
}
