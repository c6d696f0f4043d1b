using AiPlatform.Sdk.Data.Platform.Flink;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.Flink;

/// <summary>
/// Behaviour Prism cannot show, against Kestrel fakes that answer with the JobManager's bodies (TriggerResponse,
/// AsynchronousOperationResult with SavepointInfo and its serialized failure cause, ErrorResponseBody): savepoints that progress,
/// one that fails, cancellation while waiting, what exactly goes on the wire, and bodies that are not what the API defines.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class FlinkBehaviourTests
{
    private const string JobId = "8a1e1f6c2b3d4e5f60718293a4b5c6d7";
    private const string Trigger = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task A_savepoint_progresses_from_in_progress_to_completed_and_reports_each_read()
    {
        var fake = new SavepointFake("IN_PROGRESS", "IN_PROGRESS", "COMPLETED");
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);
        var client = provider.GetRequiredService<IFlinkClient>();
        var seen = new List<bool>();

        var trigger = await client.TriggerSavepointAsync(JobId, "s3://savepoints", cancelJob: true);
        var done = await client.WaitForSavepointAsync(JobId, trigger, new SynchronousProgress<FlinkSavepointStatus>(s => seen.Add(s.IsCompleted)));

        Assert.Equal([false, false, true], seen);
        Assert.Equal("s3://savepoints/savepoint-8a1e1f-000001", done.Location);
        Assert.Equal("""{"target-directory":"s3://savepoints","cancel-job":true}""", server.Requests.First(r => r.Method == "POST").Body);
    }

    [Fact]
    public async Task A_failed_savepoint_is_a_typed_error_with_the_failure_cause()
    {
        var fake = new SavepointFake("IN_PROGRESS", "FAILED");
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<IFlinkClient>().WaitForSavepointAsync(JobId, Trigger));

        Assert.Equal("SavepointFailed", error.ErrorCode);
        Assert.Contains(
            $"savepoint trigger {Trigger} of job {JobId} failed: org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired before completing.",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_with_savepoint_sends_drain_and_its_status_is_awaited_on_the_savepoint_path()
    {
        var fake = new SavepointFake("IN_PROGRESS", "COMPLETED");
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);
        var client = provider.GetRequiredService<IFlinkClient>();

        var trigger = await client.StopWithSavepointAsync(JobId, "s3://savepoints", drain: true, FlinkSavepointFormat.Canonical);
        var done = await client.WaitForSavepointAsync(JobId, trigger);

        Assert.True(done.IsCompleted);
        Assert.Equal("""{"targetDirectory":"s3://savepoints","drain":true,"formatType":"CANONICAL"}""", server.Requests.First(r => r.Method == "POST").Body);
        Assert.Equal($"/jobs/{JobId}/savepoints/{Trigger}", server.Requests.Last().PathAndQuery);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_a_savepoint_stops_polling()
    {
        var fake = new SavepointFake("IN_PROGRESS");
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);

        await MidPollCancellation.AssertStopsAtThirdReadAsync<FlinkSavepointStatus>(server, (progress, ct) =>
            provider.GetRequiredService<IFlinkClient>().WaitForSavepointAsync(JobId, Trigger, progress, cancellationToken: ct));
    }

    [Fact]
    public async Task A_jar_goes_up_as_the_multipart_part_jarfile_with_the_java_archive_type()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/jars/upload", () =>
            Json("""{"filename":"/tmp/flink-web-upload/abc_wordcount.jar","status":"success"}""")));
        await using var provider = Build(server);
        using var jar = new MemoryStream("jar-bytes"u8.ToArray());

        var id = await provider.GetRequiredService<IFlinkClient>().UploadJarAsync(jar, "wordcount.jar");

        var request = Assert.Single(server.Requests);
        Assert.Equal("abc_wordcount.jar", id);
        Assert.StartsWith("multipart/form-data", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("Content-Disposition: form-data; name=\"jarfile\"; filename=\"wordcount.jar\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/x-java-archive", request.Body, StringComparison.Ordinal);
        Assert.Contains("jar-bytes", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_sends_the_arguments_as_a_list_and_cancel_patches_with_mode_cancel()
    {
        await using var server = await KestrelTestServer.StartAsync(app =>
        {
            app.MapPost("/jars/{id}/run", () => Json($$"""{"jobid":"{{JobId}}"}"""));
            app.MapMethods("/jobs/{id}", ["PATCH"], () => Results.Accepted());
        });
        await using var provider = Build(server);
        var client = provider.GetRequiredService<IFlinkClient>();

        var job = await client.RunJarAsync("abc_wordcount.jar", new FlinkJarRunRequest { EntryClass = "WordCount", ProgramArgs = ["--input", "a b"], Parallelism = 2 });
        await client.CancelJobAsync(job);

        Assert.Equal("""{"entryClass":"WordCount","programArgsList":["--input","a b"],"parallelism":2}""", server.Requests.First().Body);
        Assert.Equal(("PATCH", $"/jobs/{JobId}?mode=cancel"), (server.Requests.Last().Method, server.Requests.Last().PathAndQuery));
        Assert.Equal(PlatformHost.Basic("flink-ops", "s3cret").ToString(), server.Requests.Last().Headers["Authorization"]);
    }

    [Fact]
    public async Task A_job_without_its_id_is_a_malformed_response()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/jobs/{id}", () => Json("""{"name":"WordCount","state":"RUNNING"}""")));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<IFlinkClient>().GetJobAsync(JobId));

        Assert.Equal("MalformedResponse", error.ErrorCode);
    }

    [Fact]
    public async Task A_savepoint_status_without_a_queue_status_is_a_malformed_response()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/jobs/{id}/savepoints/{trigger}", () => Json("""{"operation":{}}""")));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<IFlinkClient>().GetSavepointStatusAsync(JobId, Trigger));

        Assert.Equal("MalformedResponse", error.ErrorCode);
    }

    [Fact]
    public async Task A_refused_run_is_a_validation_error_with_flinks_message()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/jars/{id}/run", () =>
            Results.Json(new { errors = new[] { "Could not find the savepoint s3://nowhere" } }, statusCode: 400)));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => provider.GetRequiredService<IFlinkClient>().RunJarAsync("abc.jar"));

        Assert.Equal("Could not find the savepoint s3://nowhere", error.ServerMessage);
    }

    private static IResult Json(string body) => Results.Text(body, "application/json");

    private static ServiceProvider Build(KestrelTestServer server) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:Flink:Endpoint"] = server.BaseAddress.AbsoluteUri,
            ["DataPlatform:Flink:Username"] = "flink-ops",
            ["DataPlatform:Flink:Password"] = "s3cret",
            ["DataPlatform:Flink:PollInterval"] = "00:00:00.001",
        },
        p => p.AddFlink());

    /// <summary>
    /// Job <see cref="JobId"/>: a savepoint or stop-with-savepoint answers <see cref="Trigger"/>; each status read takes the next of
    /// <paramref name="states"/> (the last one stays). <c>FAILED</c> is Flink's <c>COMPLETED</c> with a failure cause.
    /// </summary>
    private sealed class SavepointFake(params string[] states)
    {
        private int _reads;

        public void Map(WebApplication app)
        {
            app.MapPost($"/jobs/{JobId}/savepoints", () => Results.Json(new Dictionary<string, string> { ["request-id"] = Trigger }, statusCode: 202));
            app.MapPost($"/jobs/{JobId}/stop", () => Results.Json(new Dictionary<string, string> { ["request-id"] = Trigger }, statusCode: 202));
            app.MapGet($"/jobs/{JobId}/savepoints/{Trigger}", () => Json(states[Math.Min(_reads++, states.Length - 1)] switch
            {
                "IN_PROGRESS" => """{"status":{"id":"IN_PROGRESS"}}""",
                "FAILED" => """{"status":{"id":"COMPLETED"},"operation":{"failure-cause":{"class":"org.apache.flink.util.SerializedThrowable","stack-trace":"org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired before completing.\n\tat org.apache.flink.runtime.checkpoint.CheckpointCoordinator.abortPendingCheckpoint(CheckpointCoordinator.java:2183)","serialized-throwable":"rO0ABXNy"}}}""",
                _ => """{"status":{"id":"COMPLETED"},"operation":{"location":"s3://savepoints/savepoint-8a1e1f-000001"}}""",
            }));
        }
    }
}
