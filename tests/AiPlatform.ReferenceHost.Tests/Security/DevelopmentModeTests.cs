using System.Net;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Security;

public sealed class DevelopmentModeTests
{
    [Fact]
    public async Task A_newcomer_gets_a_printed_development_client_whose_tokens_work()
    {
        await using var host = await ReferenceHostProcess.StartAsync();

        var printed = host.Output.Single(l => l.Contains("client_secret:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        await using var sdk = new SdkClients(host.BaseAddress, "aiplatform-dev", printed, host.BaseAddress);
        using var response = await sdk.Host.GetAsync("v1/permissions/mine");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(host.Output, l => l.Contains("SECURITY WARNING", StringComparison.Ordinal) && l.Contains("development", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_generated_client_secret_is_printed_on_the_first_start_only()
    {
        await using var host = await ReferenceHostProcess.StartAsync();
        var secret = host.Output.Single(l => l.Contains("client_secret:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();

        await host.RestartAsync();

        Assert.Single(host.Output, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(host.Output, l => l.Contains("secret file:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Allow_anonymous_opens_the_host_and_says_so_loudly()
    {
        await using var host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?> { ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true" });

        using var response = await host.Client.GetAsync("v1/permissions/mine");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(host.Output, l => l.Contains("AllowAnonymous is true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_external_authority_without_an_audience_stops_startup_naming_the_key()
    {
        var (exitCode, output) = await ReferenceHostProcess.RunUntilExitAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:Authority"] = "http://127.0.0.1:1/realms/x",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("AiPlatform:Server:Authentication:Audience", output, StringComparison.Ordinal);
    }
}
