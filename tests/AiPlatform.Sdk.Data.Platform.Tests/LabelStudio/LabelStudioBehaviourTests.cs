using AiPlatform.Sdk.Data.Platform.LabelStudio;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.LabelStudio;

/// <summary>
/// Behaviour Prism cannot show, against Kestrel fakes that answer with Label Studio's bodies (Export, TokenRefreshResponse, Django REST
/// framework's errors): the personal access token's exchange and refresh, a snapshot and its conversion that progress, a failed export,
/// cancellation while waiting, paging, and bodies that are not what the API defines.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class LabelStudioBehaviourTests
{
    private static readonly string PersonalAccessToken = TestJwt.Create("refresh-token", DateTimeOffset.UtcNow.AddDays(200));

    [Fact]
    public async Task A_personal_access_token_is_exchanged_reused_and_exchanged_again_when_refused()
    {
        var issued = 0;
        var reads = 0;
        await using var server = await KestrelTestServer.StartAsync(app =>
        {
            app.MapPost("/api/token/refresh/", () => Results.Json(new { access = TestJwt.Create($"access-{Interlocked.Increment(ref issued)}", DateTimeOffset.UtcNow.AddMinutes(5)) }));
            app.MapGet("/api/projects/{id}/", (HttpRequest request) =>
                // The third read finds the first access token revoked (a logout elsewhere, a rotated secret).
                Interlocked.Increment(ref reads) == 3 && TestJwt.SubjectOf(request.Headers.Authorization.ToString()) == "access-1"
                    ? Results.Json(new { detail = "Given token not valid for any token type" }, statusCode: 401)
                    : Json(Project));
        });
        await using var provider = Build(server, PersonalAccessToken);
        var client = provider.GetRequiredService<ILabelStudioClient>();

        await client.GetProjectAsync(7);
        await client.GetProjectAsync(7);
        var project = await client.GetProjectAsync(7);

        Assert.Equal(7, project.Id);
        Assert.Equal(2, issued);
        Assert.Equal($$"""{"refresh":"{{PersonalAccessToken}}"}""", server.Requests.First(r => r.PathAndQuery == "/api/token/refresh/").Body);
        var sent = server.Requests.Where(r => r.PathAndQuery == "/api/projects/7/").Select(r => TestJwt.SubjectOf(r.Headers["Authorization"])).ToList();
        Assert.Equal(["access-1", "access-1", "access-1", "access-2"], sent);
    }

    [Fact]
    public async Task An_access_token_about_to_expire_is_exchanged_before_use()
    {
        var issued = 0;
        await using var server = await KestrelTestServer.StartAsync(app =>
        {
            app.MapPost("/api/token/refresh/", () => Results.Json(new { access = TestJwt.Create($"access-{Interlocked.Increment(ref issued)}", DateTimeOffset.UtcNow.AddSeconds(10)) }));
            app.MapGet("/api/projects/{id}/", () => Json(Project));
        });
        await using var provider = Build(server, PersonalAccessToken);
        var client = provider.GetRequiredService<ILabelStudioClient>();

        await client.GetProjectAsync(7);
        await client.GetProjectAsync(7);

        Assert.Equal(2, issued);
    }

    [Fact]
    public async Task A_legacy_token_is_sent_as_token_without_any_exchange()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/api/projects/{id}/", () => Json(Project)));
        await using var provider = Build(server, "0123456789abcdef");

        await provider.GetRequiredService<ILabelStudioClient>().GetProjectAsync(7);

        var request = Assert.Single(server.Requests);
        Assert.Equal("Token 0123456789abcdef", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task A_refused_personal_access_token_is_unauthorized()
    {
        await using var server = await KestrelTestServer.StartAsync(app =>
            app.MapPost("/api/token/refresh/", () => Results.Json(new { detail = "Token is blacklisted", code = "token_not_valid" }, statusCode: 401)));
        await using var provider = Build(server, PersonalAccessToken);

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => provider.GetRequiredService<ILabelStudioClient>().GetProjectAsync(7));

        Assert.Equal("Token is blacklisted", error.ServerMessage);
    }

    [Fact]
    public async Task A_snapshot_progresses_is_converted_to_yolo_and_downloaded()
    {
        var fake = new SnapshotFake(["created", "in_progress", "completed"], ["in_progress", "completed"]);
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server, "legacy-key");
        var seen = new List<string>();

        await using var file = await provider.GetRequiredService<ILabelStudioClient>().ExportSnapshotAsync(
            7, LabelStudioExportFormat.Yolo, new SynchronousProgress<LabelStudioExport>(e => seen.Add(Describe(e))));
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);

        Assert.Equal("yolo-zip"u8.ToArray(), bytes.ToArray());
        Assert.Equal(["created", "in_progress", "completed", "completed/YOLO:in_progress", "completed/YOLO:completed"], seen);
        Assert.Equal("""{"export_type":"YOLO"}""", server.Requests.Single(r => r.PathAndQuery.EndsWith("/convert", StringComparison.Ordinal)).Body);
        Assert.Equal("/api/projects/7/exports/3/download?exportType=YOLO", server.Requests.Last().PathAndQuery);
    }

    [Fact]
    public async Task A_failed_snapshot_is_a_typed_error_with_the_traceback()
    {
        var fake = new SnapshotFake(["in_progress", "completed"], ["failed"]);
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server, "legacy-key");

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<ILabelStudioClient>().ExportSnapshotAsync(7, LabelStudioExportFormat.Coco));

        Assert.Equal("ExportFailed", error.ErrorCode);
        Assert.Contains("the COCO conversion of export 3 of project 7 failed: converter crashed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_a_snapshot_stops_polling()
    {
        var fake = new SnapshotFake(["in_progress"], []);
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server, "legacy-key");

        await MidPollCancellation.AssertStopsAtThirdReadAsync<LabelStudioExport>(server, (progress, ct) =>
            provider.GetRequiredService<ILabelStudioClient>().WaitForExportAsync(7, 3, progress: progress, cancellationToken: ct));
    }

    [Fact]
    public async Task Projects_are_read_page_by_page()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/api/projects/", (int page) => Json(page == 1
            ? """{"count":3,"next":"http://ls/api/projects/?page=2","previous":null,"results":[{"id":1,"task_number":0},{"id":2,"task_number":0}]}"""
            : """{"count":3,"next":null,"previous":"http://ls/api/projects/?page=1","results":[{"id":3,"task_number":0}]}""")));
        await using var provider = Build(server, "legacy-key", pageSize: 2);

        var projects = await provider.GetRequiredService<ILabelStudioClient>().ListProjectsAsync().ToListAsync();

        Assert.Equal([1, 2, 3], projects.Select(p => p.Id));
        Assert.Equal(["/api/projects/?page=1&page_size=2", "/api/projects/?page=2&page_size=2"], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task A_project_without_an_id_is_a_malformed_response()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/api/projects/{id}/", () => Json("""{"title":"Cats and dogs"}""")));
        await using var provider = Build(server, "legacy-key");

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<ILabelStudioClient>().GetProjectAsync(7));

        Assert.Equal("MalformedResponse", error.ErrorCode);
    }

    private const string Project = """{"id":7,"title":"Cats and dogs","task_number":2,"created_at":"2025-06-01T10:00:00Z"}""";

    private static string Describe(LabelStudioExport export) =>
        export.Status.Value + string.Concat(export.ConvertedFormats.Select(c => $"/{c.ExportType}:{c.Status}"));

    private static IResult Json(string body) => Results.Text(body, "application/json");

    private static ServiceProvider Build(KestrelTestServer server, string apiKey, int pageSize = 100) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:LabelStudio:Endpoint"] = server.BaseAddress.AbsoluteUri,
            ["DataPlatform:LabelStudio:ApiKey"] = apiKey,
            ["DataPlatform:LabelStudio:PollInterval"] = "00:00:00.001",
            ["DataPlatform:LabelStudio:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        p => p.AddLabelStudio());

    /// <summary>
    /// Export 3 of project 7: each read of the snapshot takes the next of <paramref name="states"/> (the last one stays); once converted,
    /// each read takes the next of <paramref name="conversion"/>.
    /// </summary>
    private sealed class SnapshotFake(string[] states, string[] conversion)
    {
        private int _reads;
        private int _conversionReads = -1;
        private string? _format;

        public void Map(WebApplication app)
        {
            app.MapPost("/api/projects/7/exports/", () => Results.Json(Export("created"), statusCode: 201));
            app.MapGet("/api/projects/7/exports/3", () => Results.Json(Export(states[Math.Min(_reads++, states.Length - 1)])));
            app.MapPost("/api/projects/7/exports/3/convert", async (HttpRequest request) =>
            {
                using var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
                _format = body.RootElement.GetProperty("export_type").GetString();
                _conversionReads = 0;
                return Results.Json(new { converted_format = 1, export_type = _format });
            });
            app.MapGet("/api/projects/7/exports/3/download", (string exportType) =>
                exportType == _format ? Results.Bytes("yolo-zip"u8.ToArray(), "application/zip") : Results.Json(new { detail = "Not found." }, statusCode: 404));
        }

        private object Export(string status)
        {
            var converted = _conversionReads < 0 || conversion.Length == 0
                ? []
                : new object[]
                {
                    new
                    {
                        id = 1,
                        export_type = _format,
                        status = conversion[Math.Min(_conversionReads++, conversion.Length - 1)],
                        traceback = conversion[^1] == "failed" ? "converter crashed" : null,
                    },
                };
            return new { id = 3, title = "", status, created_at = "2025-06-01T10:05:00Z", md5 = "", converted_formats = converted };
        }
    }
}
