using AiPlatform.Sdk.Data.Platform.Cvat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Data.Platform.Tests.Cvat;

/// <summary>The registration conformance of the CVAT client, default and keyed.</summary>
public sealed class CvatConformanceTests : DataPlatformConformanceTests<ICvatClient, CvatSettings>
{
    protected override string Part => "cvat";

    protected override string SettingsPath => CvatSettings.SectionPath;

    protected override (string Key, string Value, Func<CvatSettings, string?> Read) SampleSetting => ("Organization", "vision-team", s => s.Organization);

    protected override void MapFake(WebApplication app) =>
        app.MapGet("/api/server/annotation/formats", () => Results.Text("""{"importers":[],"exporters":[]}""", "application/vnd.cvat+json"));

    protected override void Register(AiPlatformBuilder builder, string? key, Action<CvatSettings>? configure) =>
        _ = key is null ? builder.AddCvat(configure) : builder.AddKeyedCvat(key, configure);

    protected override Task ExerciseAsync(ICvatClient service) => service.GetFormatsAsync();
}
