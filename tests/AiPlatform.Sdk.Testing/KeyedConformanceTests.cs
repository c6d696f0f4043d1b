using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiPlatform.Sdk.Testing;

/// <summary>
/// The conformance checks of a client that also has keyed registrations (<c>AddKeyedX(key)</c>): on top of
/// <see cref="ConformanceTests{TService, TSettings}"/>, keyed clients read their own sub-section and are separate instances.
/// </summary>
/// <typeparam name="TService">The client's public service type.</typeparam>
/// <typeparam name="TSettings">The client's settings.</typeparam>
public abstract class KeyedConformanceTests<TService, TSettings> : ConformanceTests<TService, TSettings>
    where TService : class
    where TSettings : AiPlatformClientSettings
{
    [Fact]
    public void Keyed_registrations_are_independent()
    {
        var (key, value, read) = SampleSetting;
        using var host = BuildHost(
            keys: ["first", "second"],
            extra: new Dictionary<string, string?> { [$"AiPlatform:{SettingsPath}:first:{key}"] = value });
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<TSettings>>();

        var first = Resolve(host, "first");
        var second = Resolve(host, "second");

        Assert.NotSame(first, second);
        Assert.Equal(value, read(monitor.Get("first")));
        Assert.NotEqual(value, read(monitor.Get("second")));
    }
}
