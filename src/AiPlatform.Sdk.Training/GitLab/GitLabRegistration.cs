using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace AiPlatform.Sdk.Training.GitLab;

/// <summary>How <see cref="IGitLabClient"/> is registered through Core's primitive (a remote-only client: <c>Endpoint</c> is required).</summary>
internal static class GitLabRegistration
{
    internal static readonly ClientRegistration<IGitLabClient, GitLabSettings> Client = new()
    {
        Part = "gitlab",
        SectionPath = GitLabSettings.SectionPath,
        Layer = AiPlatformTelemetry.Training,
        Transport = static (platform, name) => platform.AddPlatformHttpClient<GitLabSettings>(name.ToString(), name.Key)
            .AddHttpMessageHandler(sp => new GitLabTokenHandler(sp.GetRequiredService<IOptionsMonitor<GitLabSettings>>().Get(name.OptionsName))),
        Create = static context => new GitLabClient(
            RestService.For<IGitLabApi>(context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString())),
            context.Instrumentation<GitLabClient>("gitlab", context.Settings.Endpoint)),
        HealthCheck = static (client, _) => new ProbeHealthCheck(client),
    };
}
