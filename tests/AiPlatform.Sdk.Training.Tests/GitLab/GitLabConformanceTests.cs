using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.GitLab;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Training.Tests.GitLab;

/// <summary>The registration conformance of the GitLab client, default and keyed.</summary>
public sealed class GitLabConformanceTests : KeyedConformanceTests<IGitLabClient, GitLabSettings>, IAsyncLifetime
{
    private KestrelTestServer? _server;

    protected override string SettingsPath => GitLabSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Training;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?> { ["Endpoint"] = _server!.BaseAddress.ToString() };

    protected override (string Key, string Value, Func<GitLabSettings, string?> Read) SampleSetting => ("TokenKind", "JobToken", s => s.TokenKind.ToString());

    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync(app =>
    {
        app.MapGet("/api/v4/version", () => Results.Json(new { version = "17.6.1" }));
        app.MapGet("/api/v4/projects/{project}/repository/files/{file}/raw", () => Results.Text("x"));
    });

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    protected override void Register(AiPlatformBuilder builder, string? key, Action<GitLabSettings>? configure) =>
        _ = key is null ? builder.AddGitLab(configure) : builder.AddKeyedGitLab(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-gitlab" : $"aiplatform-gitlab-{key}";

    protected override Task ExerciseAsync(IGitLabClient service) => service.TryReadFileTextAsync("7", "README.md", "main");
}
