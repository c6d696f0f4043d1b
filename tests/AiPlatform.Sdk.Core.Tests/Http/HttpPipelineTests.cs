using System.Diagnostics;
using System.Net;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Core.Tests.Http;

public sealed class HttpPipelineTests
{
    [Fact]
    public async Task Transient_503_is_retried_until_success()
    {
        var calls = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/flaky", () =>
            Interlocked.Increment(ref calls) < 3 ? Results.StatusCode(503) : Results.Ok("fine")));
        await using var services = PipelineFixture.Build(server.BaseAddress);

        using var response = await services.Client().GetAsync(new Uri("flaky", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Throttled_429_is_retried_after_the_delay_the_server_asks_for()
    {
        var calls = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/throttled", (HttpContext context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(429);
            }

            return Results.Ok();
        }));
        var delays = new List<TimeSpan>();
        await using var services = PipelineFixture.Build(server.BaseAddress, configure: o => o.ConfigureResilience = r => r.Retry.OnRetry = args =>
        {
            delays.Add(args.RetryDelay);
            return default;
        });

        using var response = await services.Client().GetAsync(new Uri("throttled", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, calls);
        // The delay the retry strategy chose, not a clock: the Retry-After second instead of the 10 ms jittered back-off.
        Assert.Equal([TimeSpan.FromSeconds(1)], delays);
    }

    [Fact]
    public async Task Client_error_400_is_not_retried()
    {
        var calls = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/bad", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.BadRequest();
        }));
        await using var services = PipelineFixture.Build(server.BaseAddress);

        using var response = await services.Client().GetAsync(new Uri("bad", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Non_idempotent_post_is_not_retried_unless_the_client_opts_in()
    {
        var calls = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/write", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(503) : Results.Ok()));
        await using var plain = PipelineFixture.Build(server.BaseAddress);
        await using var optedIn = PipelineFixture.Build(server.BaseAddress, configure: o => o.RetryNonIdempotentRequests = true);

        using var first = await plain.Client().PostAsync(new Uri("write", UriKind.Relative), new StringContent("x"));
        var callsWithoutRetry = calls;
        Interlocked.Exchange(ref calls, 0);
        using var second = await optedIn.Client().PostAsync(new Uri("write", UriKind.Relative), new StringContent("x"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(1, callsWithoutRetry);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Circuit_opens_after_repeated_failures_and_stops_calling_the_server()
    {
        var calls = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/down", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.StatusCode(500);
        }));
        await using var services = PipelineFixture.Build(server.BaseAddress, settings: new Dictionary<string, string?>
        {
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "0",
            ["AiPlatform:Resilience:CircuitBreakerMinimumThroughput"] = "4",
            ["AiPlatform:Resilience:CircuitBreakerBreakDuration"] = "00:01:00",
        });
        var client = services.Client();

        var failures = new List<Exception>();
        for (var i = 0; i < 8; i++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("down", UriKind.Relative));
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        Assert.True(calls < 8, $"the server was called {calls} times; an open circuit stops calls");
        var broken = Assert.IsType<AiPlatformException>(AiPlatformErrors.FromException(failures[0], "echo", "Get", server.BaseAddress));
        Assert.Equal("CircuitOpen", broken.ErrorCode);
        Assert.Contains("circuit", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_token_is_attached_and_refreshed_once_on_401()
    {
        var tokens = new CountingTokenProvider();
        var seen = new List<string>();
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/secure", (HttpContext context) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            lock (seen)
            {
                seen.Add(header);
            }

            return header == "Bearer token-2" ? Results.Ok() : Results.Unauthorized();
        }));
        await using var services = PipelineFixture.Build(server.BaseAddress, tokens);

        using var response = await services.Client().GetAsync(new Uri("secure", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], seen);
        Assert.Equal(1, tokens.ForcedRefreshes);
    }

    [Fact]
    public async Task Persistent_401_forces_only_one_refresh()
    {
        var tokens = new CountingTokenProvider();
        var calls = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/never", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.Unauthorized();
        }));
        await using var services = PipelineFixture.Build(server.BaseAddress, tokens);

        using var response = await services.Client().GetAsync(new Uri("never", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, calls);
        Assert.Equal(1, tokens.ForcedRefreshes);
    }

    [Fact]
    public async Task Failed_response_maps_to_typed_exception_with_the_server_message()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/missing", () =>
            Results.Json(new { error_code = "RESOURCE_DOES_NOT_EXIST", message = "Run 'abc' not found." }, statusCode: 404)));
        await using var services = PipelineFixture.Build(server.BaseAddress);

        using var response = await services.Client().GetAsync(new Uri("missing", UriKind.Relative));
        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => AiPlatformErrors.EnsureSuccessAsync(response, "mlflow", "GetRun"));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", error.ErrorCode);
        Assert.Equal("Run 'abc' not found.", error.ServerMessage);
        Assert.Contains("mlflow GetRun", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_server_maps_to_an_exception_naming_service_and_endpoint()
    {
        var endpoint = new Uri("http://127.0.0.1:9/");
        await using var services = PipelineFixture.Build(endpoint, settings: new Dictionary<string, string?>
        {
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "1",
        });

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => services.Client().GetAsync(new Uri("x", UriKind.Relative)));
        var mapped = Assert.IsType<AiPlatformException>(AiPlatformErrors.FromException(thrown, "echo", "Get", endpoint));

        Assert.Null(mapped.StatusCode);
        Assert.True(mapped.IsTransient);
        Assert.Contains("echo Get", mapped.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:9", mapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_logical_call_emits_one_client_span()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == Telemetry.AiPlatformTelemetry.Core,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var calls = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/traced", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(503) : Results.Ok()));
        await using var services = PipelineFixture.Build(server.BaseAddress);

        using var response = await services.Client().GetAsync(new Uri("traced", UriKind.Relative));

        var span = Assert.Single(spans, s => s.OperationName == "echo GET");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_client_operation_over_http_with_retries_emits_exactly_one_client_span()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("AiPlatform.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var calls = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/nested", () =>
            Interlocked.Increment(ref calls) < 3 ? Results.StatusCode(503) : Results.Ok()));
        await using var services = PipelineFixture.Build(server.BaseAddress);
        using var telemetry = new Telemetry.LayerTelemetry(Telemetry.AiPlatformTelemetry.Serving, null);
        var instrumentation = new Telemetry.ClientInstrumentation(
            "inference", telemetry, new EchoSettings(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        ActivityTraceId trace = default;

        await instrumentation.RunAsync("ModelInfer", async activity =>
        {
            trace = activity!.TraceId;
            using var response = await services.Client().GetAsync(new Uri("nested", UriKind.Relative));
            return response.StatusCode;
        });

        List<Activity> ours;
        lock (spans)
        {
            ours = [.. spans.Where(s => s.TraceId == trace)];
        }

        var span = Assert.Single(ours);
        Assert.Equal("inference ModelInfer", span.OperationName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(3, calls);
    }
}
