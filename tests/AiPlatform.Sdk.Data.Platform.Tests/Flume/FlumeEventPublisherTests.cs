using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.Flume;

/// <summary>A page view, the payload of the tests' topics.</summary>
public sealed record PageView(string Page, int Millis);

[JsonSerializable(typeof(PageView))]
internal sealed partial class PageViewJson : JsonSerializerContext;

/// <summary>The Data layer's <see cref="IEventPublisher{T}"/> on a Flume HTTP source, against Prism serving Definitions/flume-http-source.yaml.</summary>
[Trait("Kind", "Contract")]
public sealed class FlumeEventPublisherContractTests(FlumePrism prism) : IClassFixture<FlumePrism>
{
    [Fact]
    public async Task A_published_event_is_a_flume_event_the_http_source_accepts()
    {
        await using var provider = FlumeEventPublisherTests.Build(prism.BaseAddress, p => p.AddFlumeEventPublisher(FlumeEventPublisherTests.Views));

        // Prism refuses a body that is not the JSON handler's array of {headers, body}.
        await provider.GetRequiredService<IEventPublisher<PageView>>().PublishAsync(new PageView("/orders", 42), key: "user-7");
    }
}

/// <summary>What the publisher sends and how it is registered, against a Kestrel fake of the HTTP source.</summary>
[Trait("Kind", "Contract")]
public sealed class FlumeEventPublisherTests
{
    internal static readonly EventTopic<PageView> Views = new("page-views", PageViewJson.Default.PageView, SchemaVersion: 2);

    private static readonly EventTopic<PageView> Audits = new("audits", PageViewJson.Default.PageView);

    [Fact]
    public async Task The_payload_is_the_body_and_the_topic_key_schema_and_trace_are_headers()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/", () => Results.Ok()));
        await using var provider = Build(server.BaseAddress, p => p.AddFlumeEventPublisher(Views));
        using var activity = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "vendor=1";

        await provider.GetRequiredService<IEventPublisher<PageView>>().PublishAsync(new PageView("/orders", 42), key: "user-7");

        var sent = Assert.Single(JsonNode.Parse(Assert.Single(server.Requests).Body)!.AsArray())!;
        Assert.Equal("""{"Page":"/orders","Millis":42}""", sent["body"]!.GetValue<string>());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["topic"] = "page-views", ["key"] = "user-7", ["aiplatform-type"] = "PageView", ["aiplatform-version"] = "2",
                ["traceparent"] = activity.Id!, ["tracestate"] = "vendor=1",
            },
            sent["headers"]!.AsObject().ToDictionary(h => h.Key, h => h.Value!.GetValue<string>()));
    }

    [Fact]
    public async Task An_event_without_a_key_has_no_key_header()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/", () => Results.Ok()));
        await using var provider = Build(server.BaseAddress, p => p.AddFlumeEventPublisher(Views));

        await provider.GetRequiredService<IEventPublisher<PageView>>().PublishAsync(new PageView("/", 1));

        var headers = JsonNode.Parse(Assert.Single(server.Requests).Body)![0]!["headers"]!.AsObject();
        Assert.False(headers.ContainsKey("key"));
    }

    [Fact]
    public async Task Publishers_are_keyed_by_topic_and_the_first_one_is_the_default()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/", () => Results.Ok()));
        await using var provider = Build(server.BaseAddress, p => p.AddFlumeEventPublisher(Views).AddFlumeEventPublisher(Audits));

        await provider.GetRequiredKeyedService<IEventPublisher<PageView>>("audits").PublishAsync(new PageView("/a", 1));
        await provider.GetRequiredKeyedService<IEventPublisher<PageView>>("page-views").PublishAsync(new PageView("/b", 2));
        await provider.GetRequiredService<IEventPublisher<PageView>>().PublishAsync(new PageView("/c", 3));

        Assert.Equal(["audits", "page-views", "page-views"], server.Requests.Select(r => JsonNode.Parse(r.Body)![0]!["headers"]!["topic"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_event_stream_publisher_registered_first_stays_the_default_and_flume_is_reached_by_topic()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/", () => Results.Ok()));
        var dataPath = Directory.CreateTempSubdirectory("aip-flume-events-").FullName;
        try
        {
            await using var provider = Build(server.BaseAddress, p => p.AddData().AddEventPublisher(Views).Platform.AddFlumeEventPublisher(Views), dataPath);

            await provider.GetRequiredService<IEventPublisher<PageView>>().PublishAsync(new PageView("/in-process", 1));
            await provider.GetRequiredKeyedService<IEventPublisher<PageView>>("page-views").PublishAsync(new PageView("/flume", 2));

            Assert.Equal("""{"Page":"/flume","Millis":2}""", JsonNode.Parse(Assert.Single(server.Requests).Body)![0]!["body"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task A_keyed_agent_is_the_source_events_go_to()
    {
        await using var central = await KestrelTestServer.StartAsync(app => app.MapPost("/", () => Results.Ok()));
        await using var edge = await KestrelTestServer.StartAsync(app => app.MapPost("/", () => Results.Ok()));
        await using var provider = PlatformHost.Build(
            new Dictionary<string, string?>
            {
                ["DataPlatform:Flume:Endpoint"] = central.BaseAddress.AbsoluteUri,
                ["DataPlatform:Flume:edge:Endpoint"] = edge.BaseAddress.AbsoluteUri,
            },
            p => p.AddFlumeEventPublisher(Views, flume: "edge"));

        await provider.GetRequiredKeyedService<IEventPublisher<PageView>>("page-views").PublishAsync(new PageView("/", 1));

        Assert.Empty(central.Requests);
        Assert.Single(edge.Requests);
    }

    internal static ServiceProvider Build(Uri endpoint, Action<AiPlatformBuilder> register, string? dataPath = null)
    {
        var settings = new Dictionary<string, string?> { ["DataPlatform:Flume:Endpoint"] = endpoint.AbsoluteUri };
        if (dataPath is not null)
        {
            settings["DataPath"] = dataPath;
        }

        return PlatformHost.Build(settings, register);
    }
}
