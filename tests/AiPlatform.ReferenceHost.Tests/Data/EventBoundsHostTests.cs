using System.Net;
using System.Text;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Data;

/// <summary>The host's in-process event bus is bounded: a publish to a full bus is answered at once, never left waiting.</summary>
public sealed class EventBoundsHostTests
{
    [Fact]
    public async Task A_publish_to_a_full_topic_is_507_with_a_problem_naming_the_limit()
    {
        await using var host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true",
            ["AiPlatform:Data:Events:Capacity"] = "1",
            ["AiPlatform:Data:Events:DropOldestWhenFull"] = "false",
        });
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var first = await host.Client.PostAsync("v1/events/orders", new StringContent("""{"n":1}""", Encoding.UTF8, "application/json"), patience.Token);
        using var second = await host.Client.PostAsync("v1/events/orders", new StringContent("""{"n":2}""", Encoding.UTF8, "application/json"), patience.Token);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.InsufficientStorage, second.StatusCode);
        Assert.Contains("Capacity", await second.Content.ReadAsStringAsync(patience.Token), StringComparison.Ordinal);
    }
}
