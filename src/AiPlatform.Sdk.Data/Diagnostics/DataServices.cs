using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Data.Diagnostics;

/// <summary>Resolves what every Data component needs from the application's services.</summary>
internal static class DataServices
{
    public static TSettings Settings<TSettings>(IServiceProvider services, string? name) =>
        services.GetRequiredService<IOptionsMonitor<TSettings>>().Get(name ?? Options.DefaultName);

    /// <summary>The settings as registration sees them (configuration, named sub-section, then code), to decide what to register.</summary>
    public static TSettings Snapshot<TSettings>(AiPlatformBuilder platform, string path, string? key, Action<TSettings>? configure)
        where TSettings : new()
    {
        var settings = new TSettings();
        platform.GetSection(path).Bind(settings);
        if (key is not null)
        {
            platform.GetSection($"{path}:{key}").Bind(settings);
        }

        configure?.Invoke(settings);
        return settings;
    }

    public static string DataPath(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<AiPlatformOptions>>().Value.DataPath);

    public static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    public static ILogger Logger<TCategory>(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<TCategory>();

    public static DataInstrumentation Instrumentation<TCategory>(IServiceProvider services, AiPlatformClientSettings settings, string component) =>
        new(services.GetRequiredKeyedService<LayerTelemetry>(AiPlatformTelemetry.Data), settings, Logger<TCategory>(services), component, Time(services));

    public static string HealthCheckName(string part, string? key) => key is null ? $"aiplatform-{part}" : $"aiplatform-{part}-{key}";
}
