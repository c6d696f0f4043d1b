using AiPlatform.Sdk.Data.Platform.Cvat;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.Cvat;

/// <summary>
/// Behaviour Prism cannot show, against Kestrel fakes that answer with CVAT's bodies (RqId, Request, Django REST framework's errors):
/// an export request that progresses through the queue and is downloaded from its result URL, one that fails, cancellation while
/// waiting, the multipart parts and headers on the wire, and bodies that are not what the API defines.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class CvatBehaviourTests
{
    private const string Rq = "export:task-12-dataset-in-YOLO_1@1-format-by-1";

    [Fact]
    public async Task An_export_progresses_through_the_queue_and_is_downloaded_from_the_configured_endpoint()
    {
        var fake = new QueueFake("queued", "started", "finished");
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);
        var seen = new List<string>();

        await using var file = await provider.GetRequiredService<ICvatClient>().ExportDatasetAsync(
            12, CvatDatasetFormat.Yolo, saveImages: true, new SynchronousProgress<CvatRequest>(r => seen.Add($"{r.Status}:{r.Progress}")));
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);

        Assert.Equal("yolo-zip"u8.ToArray(), bytes.ToArray());
        Assert.Equal(["queued:", "started:0.5", "finished:1"], seen);
        var requests = server.Requests.ToList();
        Assert.Equal("/api/tasks/12/dataset/export?format=YOLO%201.1&save_images=true", requests[0].PathAndQuery);
        Assert.Equal($"/api/requests/{Rq}", requests[1].PathAndQuery);
        Assert.Equal("*/*", requests[^1].Headers["Accept"]);
        Assert.Equal("/api/tasks/12/dataset/download?rq_id=abc", requests[^1].PathAndQuery);
        Assert.All(requests, r => Assert.Equal("Token f2a0c6e1", r.Headers["Authorization"]));
        Assert.All(requests, r => Assert.Equal("vision-team", r.Headers["X-Organization"]));
        Assert.Equal("application/vnd.cvat+json", requests[0].Headers["Accept"]);
    }

    [Fact]
    public async Task A_failed_request_is_a_typed_error_with_cvats_message()
    {
        var fake = new QueueFake("started", "failed");
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<ICvatClient>().ExportDatasetAsync(12, CvatDatasetFormat.Yolo));

        Assert.Equal("RequestFailed", error.ErrorCode);
        Assert.Equal("Exporting without data is not allowed", error.ServerMessage);
        Assert.Contains($"request '{Rq}' failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_a_request_stops_polling()
    {
        var fake = new QueueFake("started");
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);

        await MidPollCancellation.AssertStopsAtThirdReadAsync<CvatRequest>(server, (progress, ct) =>
            provider.GetRequiredService<ICvatClient>().WaitForRequestAsync(Rq, progress, cancellationToken: ct));
    }

    [Fact]
    public async Task Media_goes_up_as_indexed_client_files_with_the_image_quality_and_basic_credentials()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/api/tasks/12/data/", () => Results.Json(new { rq_id = "create:task.id12" }, statusCode: 202)));
        await using var provider = Build(server, new() { ["Username"] = "annotator", ["Password"] = "s3cret" });
        using var first = new MemoryStream("first-image"u8.ToArray());
        using var second = new MemoryStream("second-image"u8.ToArray());

        var rq = await provider.GetRequiredService<ICvatClient>().UploadDataAsync(12, [new CvatFile("1.jpg", first), new CvatFile("2.jpg", second)], imageQuality: 95);

        var request = Assert.Single(server.Requests);
        Assert.Equal("create:task.id12", rq);
        Assert.Equal(PlatformHost.Basic("annotator", "s3cret").ToString(), request.Headers["Authorization"]);
        Assert.False(request.Headers.ContainsKey("X-Organization"));
        Assert.Contains("Content-Disposition: form-data; name=\"image_quality\"\r\n\r\n95\r\n", request.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Disposition: form-data; name=\"client_files[0]\"; filename=\"1.jpg\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Disposition: form-data; name=\"client_files[1]\"; filename=\"2.jpg\"", request.Body, StringComparison.Ordinal);
        Assert.True(request.Body.IndexOf("first-image", StringComparison.Ordinal) < request.Body.IndexOf("second-image", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_export_already_running_is_a_conflict()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/api/tasks/12/dataset/export", () =>
            Results.Json(new { detail = "Export is already in progress" }, statusCode: 409)));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformConflictException>(() => provider.GetRequiredService<ICvatClient>().StartDatasetExportAsync(12, CvatDatasetFormat.Coco));

        Assert.Equal("Export is already in progress", error.ServerMessage);
    }

    [Fact]
    public async Task A_request_without_a_status_is_a_malformed_response()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/api/requests/{id}", () => Results.Text("""{"id":"x","message":""}""", "application/vnd.cvat+json")));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<ICvatClient>().GetRequestAsync("x"));

        Assert.Equal("MalformedResponse", error.ErrorCode);
    }

    [Fact]
    public async Task A_task_without_an_id_is_a_malformed_response()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/api/tasks/{id}", () => Results.Text("""{"name":"street scenes"}""", "application/vnd.cvat+json")));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<ICvatClient>().GetTaskAsync(12));

        Assert.Equal("MalformedResponse", error.ErrorCode);
    }

    private static ServiceProvider Build(KestrelTestServer server, Dictionary<string, string?>? credentials = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DataPlatform:Cvat:Endpoint"] = server.BaseAddress.AbsoluteUri,
            ["DataPlatform:Cvat:PollInterval"] = "00:00:00.001",
        };
        foreach (var (key, value) in credentials ?? new() { ["AccessToken"] = "f2a0c6e1", ["Organization"] = "vision-team" })
        {
            settings["DataPlatform:Cvat:" + key] = value;
        }

        return PlatformHost.Build(settings, p => p.AddCvat());
    }

    /// <summary>
    /// Task 12's export: the post answers <see cref="Rq"/>; each read of the request takes the next of <paramref name="states"/> (the
    /// last one stays). A finished request's result URL names another host, as CVAT behind a proxy does.
    /// </summary>
    private sealed class QueueFake(params string[] states)
    {
        private int _reads;

        public void Map(WebApplication app)
        {
            app.MapPost("/api/tasks/12/dataset/export", () => Results.Json(new { rq_id = Rq }, statusCode: 202));
            app.MapGet("/api/requests/{id}", (string id) =>
            {
                var status = states[Math.Min(_reads++, states.Length - 1)];
                return Results.Json(new
                {
                    id,
                    status,
                    message = status == "failed" ? "Exporting without data is not allowed" : "",
                    progress = status switch { "started" => 0.5, "finished" => 1.0, _ => (double?)null },
                    operation = new { type = "export:dataset", target = "task", task_id = 12, format = "YOLO 1.1" },
                    created_date = "2025-06-01T10:00:00Z",
                    owner = new { id = 1, username = "annotator" },
                    result_url = status == "finished" ? "http://cvat.internal:8080/api/tasks/12/dataset/download?rq_id=abc" : null,
                }, contentType: "application/vnd.cvat+json");
            });
            app.MapGet("/api/tasks/12/dataset/download", () => Results.Bytes("yolo-zip"u8.ToArray(), "application/zip"));
        }
    }
}
