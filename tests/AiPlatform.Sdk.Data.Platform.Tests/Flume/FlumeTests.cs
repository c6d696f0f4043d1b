using AiPlatform.Sdk.Data.Platform.Flume;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.Flume;

/// <summary><see cref="IFlumeClient"/> against Prism serving Definitions/flume-http-source.yaml (written from apache/flume's user guide and HTTPSource/JSONHandler).</summary>
[Trait("Kind", "Contract")]
public sealed class FlumeContractTests(FlumePrism prism) : IClassFixture<FlumePrism>
{
    [Fact]
    public async Task Events_are_accepted_in_the_json_handler_shape()
    {
        await using var provider = Build(prism.BaseAddress);

        var sent = await provider.GetRequiredService<IFlumeClient>().SendAsync(Events(3));

        Assert.Equal(3, sent);
    }

    [Fact]
    public async Task A_refused_batch_is_a_validation_error()
    {
        await using var provider = Build(prism.BaseAddress, PlatformHost.PreferCode(400));

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => provider.GetRequiredService<IFlumeClient>().SendAsync(Events(1)));

        Assert.Equal("SendBatch", error.Operation);
        Assert.Contains("could not be parsed", error.ServerMessage, StringComparison.Ordinal);
    }

    internal static IEnumerable<FlumeEvent> Events(int count) =>
        Enumerable.Range(0, count).Select(i => new FlumeEvent { Headers = new Dictionary<string, string> { ["host"] = "web-1", ["seq"] = $"{i}" }, Body = $"GET /orders/{i} 200" });

    internal static ServiceProvider Build(Uri endpoint, Action<HttpRequestMessage>? alter = null, int batch = 2) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:Flume:Endpoint"] = endpoint.AbsoluteUri,
            ["DataPlatform:Flume:MaxBatchSize"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        p => p.AddFlume(), "flume", alter);
}

/// <summary>Batching and the full-channel retry, against a Kestrel fake of the HTTP source.</summary>
[Trait("Kind", "Contract")]
public sealed class FlumeBehaviourTests
{
    [Fact]
    public async Task Events_are_sent_in_batches_of_the_configured_size_in_order()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/", () => Results.Ok()));
        await using var provider = FlumeContractTests.Build(server.BaseAddress, batch: 2);

        var sent = await provider.GetRequiredService<IFlumeClient>().SendAsync(FlumeContractTests.Events(3));

        Assert.Equal(3, sent);
        var bodies = server.Requests.Select(r => r.Body).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Equal("""[{"headers":{"host":"web-1","seq":"0"},"body":"GET /orders/0 200"},{"headers":{"host":"web-1","seq":"1"},"body":"GET /orders/1 200"}]""", bodies[0]);
        Assert.Equal("""[{"headers":{"host":"web-1","seq":"2"},"body":"GET /orders/2 200"}]""", bodies[1]);
    }

    [Fact]
    public async Task A_batch_refused_by_a_full_channel_is_sent_again()
    {
        var attempts = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/", () => Interlocked.Increment(ref attempts) == 1
            ? Results.Text("Error appending event to channel. Channel might be full.", "text/html", statusCode: 503)
            : Results.Ok()));
        await using var provider = FlumeContractTests.Build(server.BaseAddress);

        var sent = await provider.GetRequiredService<IFlumeClient>().SendAsync(FlumeContractTests.Events(1));

        Assert.Equal(1, sent);
        Assert.Equal(2, attempts);
        Assert.Equal(server.Requests.First().Body, server.Requests.Last().Body);
    }

    [Fact]
    public async Task Cancelling_stops_before_the_next_batch()
    {
        using var cancellation = new CancellationTokenSource();
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/", () =>
        {
            cancellation.Cancel();
            return Results.Ok();
        }));
        await using var provider = FlumeContractTests.Build(server.BaseAddress, batch: 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.GetRequiredService<IFlumeClient>().SendAsync(FlumeContractTests.Events(3), cancellation.Token));

        Assert.Single(server.Requests);
    }
}

/// <summary>The registration conformance of the Flume client, default and keyed.</summary>
public sealed class FlumeConformanceTests : DataPlatformConformanceTests<IFlumeClient, FlumeSettings>
{
    protected override string Part => "flume";

    protected override string SettingsPath => FlumeSettings.SectionPath;

    protected override (string Key, string Value, Func<FlumeSettings, string?> Read) SampleSetting =>
        ("MaxBatchSize", "500", s => s.MaxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));

    protected override void MapFake(WebApplication app) => app.MapPost("/", () => Results.Ok());

    protected override void Register(AiPlatformBuilder builder, string? key, Action<FlumeSettings>? configure) =>
        _ = key is null ? builder.AddFlume(configure) : builder.AddKeyedFlume(key, configure);

    protected override Task ExerciseAsync(IFlumeClient service) => service.SendAsync(FlumeContractTests.Events(1));
}
