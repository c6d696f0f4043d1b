using System.Text.Json.Nodes;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Data.Platform.LabelStudio;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.LabelStudio;

/// <summary>
/// <see cref="LabelStudioObjectStoreExtensions.ImportObjectsAsync"/> against a Kestrel fake of Label Studio's import and a real S3 store
/// (Swift's S3 API): each task's data field is a presigned URL that serves the object's bytes to anyone holding it, and a store that
/// cannot presign imports nothing.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class LabelStudioObjectImportTests
{
    [Fact]
    public async Task Each_task_holds_a_presigned_url_that_serves_its_object()
    {
        await using var server = await ImportFake();
        await using var provider = Build(server);
        await using var bucket = await S3TestBucket.CreateAsync();
        List<ObjectInfo> videos = [await bucket.PutAsync("clips/b.mp4", "second clip"u8.ToArray()), await bucket.PutAsync("clips/a.mp4", "first clip"u8.ToArray())];

        var result = await provider.GetRequiredService<ILabelStudioClient>().ImportObjectsAsync(7, bucket.Store, videos, "video", TimeSpan.FromMinutes(5));

        var tasks = JsonNode.Parse(Assert.Single(server.Requests).Body)!.AsArray();
        var urls = tasks.Select(t => new Uri(t!["data"]!["video"]!.GetValue<string>())).ToList();
        Assert.Equal([101, 102], result.TaskIds);
        Assert.Equal([$"/{bucket.Name}/clips/b.mp4", $"/{bucket.Name}/clips/a.mp4"], urls.Select(u => u.AbsolutePath));
        Assert.All(urls, u => Assert.Contains("X-Amz-Expires=300", u.Query, StringComparison.Ordinal));
        using var anonymous = new HttpClient();
        Assert.Equal(["second clip", "first clip"], await Task.WhenAll(urls.Select(u => anonymous.GetStringAsync(u))));
    }

    [Fact]
    public async Task Urls_are_valid_for_seven_days_unless_told_otherwise()
    {
        await using var server = await ImportFake();
        await using var provider = Build(server);
        await using var bucket = await S3TestBucket.CreateAsync();

        await provider.GetRequiredService<ILabelStudioClient>().ImportObjectsAsync(7, bucket.Store, [await bucket.PutAsync("cats/1.jpg", new byte[8])]);

        var task = JsonNode.Parse(Assert.Single(server.Requests).Body)!.AsArray().Single()!;
        Assert.Contains("X-Amz-Expires=604800", task["data"]!["image"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_cannot_presign_imports_nothing()
    {
        await using var server = await ImportFake();
        var dataPath = Directory.CreateTempSubdirectory("aip-platform-local-").FullName;
        try
        {
            await using var provider = PlatformHost.Build(
                new Dictionary<string, string?> { ["DataPath"] = dataPath, ["DataPlatform:LabelStudio:Endpoint"] = server.BaseAddress.AbsoluteUri },
                p => p.AddData().Platform.AddLabelStudio());
            var store = provider.GetRequiredService<IObjectStore>();
            await store.CreateBucketAsync("raw");
            var image = await store.PutAsync("raw", "cats/1.jpg", new MemoryStream(new byte[8]));

            await Assert.ThrowsAsync<NotSupportedException>(() => provider.GetRequiredService<ILabelStudioClient>().ImportObjectsAsync(7, store, [image]));

            Assert.Empty(server.Requests);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static Task<KestrelTestServer> ImportFake() => KestrelTestServer.StartAsync(app => app.MapPost("/api/projects/7/import", () =>
        Results.Json(new { task_count = 2, annotation_count = 0, predictions_count = 0, task_ids = new[] { 101, 102 } }, statusCode: 201)));

    private static ServiceProvider Build(KestrelTestServer server) => PlatformHost.Build(
        new Dictionary<string, string?> { ["DataPlatform:LabelStudio:Endpoint"] = server.BaseAddress.AbsoluteUri, ["DataPlatform:LabelStudio:ApiKey"] = "legacy-key" },
        p => p.AddLabelStudio());
}
