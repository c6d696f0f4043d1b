using AiPlatform.Sdk.Data.Platform.Flink;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Data.Platform.Tests.Flink;

/// <summary>The registration conformance of the Flink client, default and keyed.</summary>
public sealed class FlinkConformanceTests : DataPlatformConformanceTests<IFlinkClient, FlinkSettings>
{
    protected override string Part => "flink";

    protected override string SettingsPath => FlinkSettings.SectionPath;

    protected override (string Key, string Value, Func<FlinkSettings, string?> Read) SampleSetting => ("Username", "flink-ops", s => s.Username);

    protected override void MapFake(WebApplication app)
    {
        app.MapGet("/jobs/overview", () => Results.Text("""{"jobs":[]}""", "application/json"));
        app.MapGet("/config", () => Results.Text("""{"flink-version":"1.19.1"}""", "application/json"));
    }

    protected override void Register(AiPlatformBuilder builder, string? key, Action<FlinkSettings>? configure) =>
        _ = key is null ? builder.AddFlink(configure) : builder.AddKeyedFlink(key, configure);

    protected override Task ExerciseAsync(IFlinkClient service) => service.ListJobsAsync();
}
