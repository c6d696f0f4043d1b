using AiPlatform.Sdk.Data.Platform.Superset;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Data.Platform.Tests.Superset;

/// <summary>The registration conformance of the Superset client, default and keyed.</summary>
public sealed class SupersetConformanceTests : DataPlatformConformanceTests<ISupersetClient, SupersetSettings>
{
    protected override string Part => "superset";

    protected override string SettingsPath => SupersetSettings.SectionPath;

    protected override (string Key, string Value, Func<SupersetSettings, string?> Read) SampleSetting => ("Provider", "ldap", s => s.Provider);

    protected override void MapFake(WebApplication app) =>
        app.MapGet("/api/v1/dashboard/", () => Results.Json(new { count = 0, result = Array.Empty<object>() }));

    protected override void Register(AiPlatformBuilder builder, string? key, Action<SupersetSettings>? configure) =>
        _ = key is null ? builder.AddSuperset(configure) : builder.AddKeyedSuperset(key, configure);

    protected override async Task ExerciseAsync(ISupersetClient service) => await service.ListDashboardsAsync().ToListAsync();
}
