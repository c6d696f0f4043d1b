using System.Diagnostics;
using AiPlatform.Sdk.Testing.ConfigurationSchema;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AiPlatform.Sdk.Ops.Tests;

/// <summary>Runs alone: the sampling test reads whether an activity of an AiPlatform source is recorded, which another test's
/// tracer provider, running in parallel in this process, would record.</summary>
[CollectionDefinition(nameof(OpsRegistrationTests), DisableParallelization = true)]
public sealed class OpsRegistrationCollection;

[Collection(nameof(OpsRegistrationTests))]
public sealed class OpsRegistrationTests
{
    [Fact]
    public void Every_part_is_on_by_default()
    {
        using var host = Build([]);
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
        Assert.Equal("aiplatform-json", host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
    }

    [Fact]
    public void Each_part_switches_off_by_its_own_key()
    {
        using var host = Build(new()
        {
            ["AiPlatform:Ops:Tracing:Enabled"] = "false",
            ["AiPlatform:Ops:Metrics:Enabled"] = "false",
            ["AiPlatform:Ops:Logging:JsonConsole"] = "false",
        });
        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.NotEqual("aiplatform-json", host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
    }

    [Fact]
    public async Task A_sampling_ratio_of_zero_records_no_new_trace()
    {
        using var host = Build(new() { ["AiPlatform:Ops:Tracing:SamplingRatio"] = "0" });
        await host.StartAsync();
        using var source = new ActivitySource(AiPlatformTelemetry.Vector);
        using var activity = source.StartActivity("search");
        Assert.True(activity is null || !activity.Recorded);
        await host.StopAsync();
    }

    [Fact]
    public async Task Invalid_settings_stop_the_start_naming_the_key()
    {
        using var host = Build(new() { ["AiPlatform:Ops:Tracing:SamplingRatio"] = "2", ["AiPlatform:Ops:Otlp:Protocol"] = "udp" });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(error.Failures, f => f.Contains("AiPlatform:Ops:Tracing:SamplingRatio", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("AiPlatform:Ops:Otlp:Protocol", StringComparison.Ordinal));
    }

    [Fact]
    public void Calling_AddOps_twice_builds_one_pipeline()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAiPlatformCore(builder.Configuration).AddOps().AddOps();
        Assert.Single(builder.Services, d => d.ServiceType == typeof(Redaction.SecretScrubber));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAiPlatformCore(builder.Configuration).AddOps();
        return builder.Build();
    }
}

public sealed class OpsConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.Ops";

    protected override IReadOnlyList<SettingsSection> Sections { get; } = [new(OpsSettings.SectionPath, false, typeof(OpsSettings))];
}
