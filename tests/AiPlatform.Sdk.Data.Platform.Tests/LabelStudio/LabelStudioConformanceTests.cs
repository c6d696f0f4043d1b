using AiPlatform.Sdk.Data.Platform.LabelStudio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Data.Platform.Tests.LabelStudio;

/// <summary>The registration conformance of the Label Studio client, default and keyed.</summary>
public sealed class LabelStudioConformanceTests : DataPlatformConformanceTests<ILabelStudioClient, LabelStudioSettings>
{
    protected override string Part => "label-studio";

    protected override string SettingsPath => LabelStudioSettings.SectionPath;

    protected override (string Key, string Value, Func<LabelStudioSettings, string?> Read) SampleSetting => ("TokenKind", "Legacy", s => s.TokenKind.ToString());

    protected override void MapFake(WebApplication app) =>
        app.MapGet("/api/projects/", () => Results.Json(new { count = 0, next = (string?)null, previous = (string?)null, results = Array.Empty<object>() }));

    protected override void Register(AiPlatformBuilder builder, string? key, Action<LabelStudioSettings>? configure) =>
        _ = key is null ? builder.AddLabelStudio(configure) : builder.AddKeyedLabelStudio(key, configure);

    protected override async Task ExerciseAsync(ILabelStudioClient service) => await service.ListProjectsAsync().ToListAsync();
}
