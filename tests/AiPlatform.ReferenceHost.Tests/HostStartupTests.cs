using System.Net;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests;

public sealed class HostStartupTests
{
    [Fact]
    public async Task Host_becomes_ready_and_serves_liveness_readiness_and_metrics()
    {
        await using var host = await ReferenceHostProcess.StartAsync();

        using var live = await host.Client.GetAsync("health/live");
        using var ready = await host.Client.GetAsync("health/ready");
        var metrics = await host.Client.GetStringAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("# TYPE", metrics, StringComparison.Ordinal);
        Assert.Contains(host.Output, line => line.Contains(host.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_setting_stops_startup_with_a_message_naming_the_key()
    {
        var (exitCode, output) = await ReferenceHostProcess.RunUntilExitAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "99",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("AiPlatform:Resilience:MaxRetryAttempts", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_are_denied_by_default()
    {
        await using var host = await ReferenceHostProcess.StartAsync();

        using var response = await host.Client.PostAsync("v1/anything", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
