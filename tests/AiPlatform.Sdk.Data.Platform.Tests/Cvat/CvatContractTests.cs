using AiPlatform.Sdk.Data.Platform.Cvat;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.Cvat;

/// <summary>
/// Every operation of <see cref="ICvatClient"/> against Prism serving Definitions/cvat.yaml (trimmed from cvat-ai/cvat's
/// cvat/schema.yml), with each kind of credentials: Prism refuses paths, queries, bodies (multipart included) the definition does not
/// allow and requests without the Authorization header, so each successful call was well-formed.
/// </summary>
[Trait("Kind", "Contract")]
public abstract class CvatContractTests(CvatPrism prism)
{
    private const string ExportRequest = "export:task-12-dataset-in-COCO_1@0-format-by-1";

    /// <summary>The credentials configured for the client.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Credentials { get; }

    [Fact]
    public async Task The_servers_formats_are_listed()
    {
        await using var provider = Build();

        var formats = await provider.GetRequiredService<ICvatClient>().GetFormatsAsync();

        Assert.Equal(CvatDatasetFormat.Coco, Assert.Single(formats.Importers).Name);
        Assert.Contains(formats.Exporters, f => f.Name == CvatDatasetFormat.Yolo && f.Enabled);
    }

    [Fact]
    public async Task A_task_is_created_with_labels_and_read()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<ICvatClient>();

        var task = await client.CreateTaskAsync(new CvatTaskRequest
        {
            Name = "street scenes",
            Labels = [new CvatLabel { Name = "car", Type = "rectangle" }, new CvatLabel { Name = "person" }],
            Subset = "train",
        });
        var read = await client.GetTaskAsync(task.Id);

        Assert.Equal(12, task.Id);
        Assert.Equal(2, read.Size);
    }

    [Fact]
    public async Task Media_is_uploaded_as_client_files_with_the_image_quality()
    {
        await using var provider = Build();
        using var first = new MemoryStream([0xFF, 0xD8, 0xFF]);
        using var second = new MemoryStream([0xFF, 0xD8, 0xFE]);

        var request = await provider.GetRequiredService<ICvatClient>().UploadDataAsync(12, [new CvatFile("1.jpg", first), new CvatFile("2.jpg", second)], imageQuality: 90);

        Assert.Equal("create:task.id12-4f0e", request);
    }

    [Fact]
    public async Task Media_above_the_threshold_goes_up_in_an_upload_session_with_a_tus_upload()
    {
        await using var provider = Build(chunked: true);
        using var small = new MemoryStream(new byte[100]);
        using var large = new MemoryStream(new byte[3000]);
        var sent = new List<long>();

        var request = await provider.GetRequiredService<ICvatClient>().UploadDataAsync(
            12, [new CvatFile("1.jpg", small), new CvatFile("big.mp4", large)], imageQuality: 80, new SynchronousProgress<CvatUploadProgress>(p => sent.Add(p.BytesSent)));

        Assert.Equal("create:task.id12-4f0e", request);
        Assert.Equal([100, 3100], sent);
    }

    [Fact]
    public async Task A_chunk_refused_for_its_offset_resumes_from_the_offset_a_head_reports()
    {
        var patches = 0;
        await using var provider = Build(r =>
        {
            if (r.Method == HttpMethod.Patch && Interlocked.Increment(ref patches) == 1)
            {
                r.Headers.TryAddWithoutValidation("Prefer", "code=409");
            }
        }, chunked: true);
        using var large = new MemoryStream(new byte[3000]);

        var request = await provider.GetRequiredService<ICvatClient>().UploadDataAsync(12, [new CvatFile("big.mp4", large)]);

        Assert.Equal("create:task.id12-4f0e", request);
        Assert.Equal(2, patches);
    }

    [Fact]
    public async Task Annotations_are_imported_as_the_annotation_file_in_a_named_format()
    {
        await using var provider = Build();
        using var coco = new MemoryStream("""{"images":[],"annotations":[],"categories":[]}"""u8.ToArray());

        var request = await provider.GetRequiredService<ICvatClient>().ImportAnnotationsAsync(12, CvatDatasetFormat.Coco, new CvatFile("instances.json", coco));

        Assert.Equal("import:task-12-annotations", request);
    }

    [Fact]
    public async Task A_dataset_is_exported_through_the_request_queue_and_downloaded()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<ICvatClient>();

        var started = await client.StartDatasetExportAsync(12, CvatDatasetFormat.Coco, saveImages: true);
        var request = await client.GetRequestAsync(started);
        await using var file = await client.ExportDatasetAsync(12, CvatDatasetFormat.Yolo);

        Assert.Equal(ExportRequest, started);
        Assert.Equal(CvatRequestStatus.Finished, request.Status);
        Assert.Equal("/api/tasks/12/dataset/download", request.ResultUrl!.AbsolutePath);
        Assert.NotEqual(-1, file.ReadByte());
    }

    [Fact]
    public async Task Missing_credentials_are_unauthorized()
    {
        await using var provider = Build(PlatformHost.NoCredentials);

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => provider.GetRequiredService<ICvatClient>().GetFormatsAsync());

        Assert.Equal("cvat", error.Service);
    }

    [Fact]
    public async Task Forbidden_is_mapped()
    {
        await using var provider = Build(PlatformHost.PreferCode(403));

        var error = await Assert.ThrowsAsync<AiPlatformForbiddenException>(() => provider.GetRequiredService<ICvatClient>().StartDatasetExportAsync(12, CvatDatasetFormat.Coco));

        Assert.Equal("StartDatasetExport", error.Operation);
    }

    [Fact]
    public async Task Not_found_names_the_task()
    {
        await using var provider = Build(PlatformHost.PreferCode(404));

        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => provider.GetRequiredService<ICvatClient>().GetTaskAsync(12));

        Assert.Contains("task 12 was not found", error.Message, StringComparison.Ordinal);
    }

    // Chunked: sessions above 1 KiB, tus chunks of 4 KiB (the definition's 3000-byte test file goes in one).
    private ServiceProvider Build(Action<HttpRequestMessage>? alter = null, bool chunked = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DataPlatform:Cvat:Endpoint"] = prism.BaseAddress.AbsoluteUri,
            ["DataPlatform:Cvat:Organization"] = "vision-team",
            ["DataPlatform:Cvat:PollInterval"] = "00:00:00.001",
        };
        if (chunked)
        {
            settings["DataPlatform:Cvat:ChunkedUploadThreshold"] = "1024";
            settings["DataPlatform:Cvat:UploadChunkSize"] = "4096";
        }

        foreach (var (key, value) in Credentials)
        {
            settings["DataPlatform:Cvat:" + key] = value;
        }

        return PlatformHost.Build(settings, p => p.AddCvat(), "cvat", r =>
        {
            SessionStep(r);
            alter?.Invoke(r);
        });
    }

    // Every step of an upload session is a POST to one path, which Prism cannot tell apart: ask for the answer UploadMixin gives each.
    private static void SessionStep(HttpRequestMessage request)
    {
        if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/data/", StringComparison.Ordinal))
        {
            var code = request.Headers.Contains("Upload-Length") ? 201 : request.Headers.Contains("Upload-Multiple") ? 200 : 202;
            request.Headers.TryAddWithoutValidation("Prefer", $"code={code}");
        }
    }
}

/// <summary>The contract with an API token (<c>Authorization: Token ...</c>).</summary>
public sealed class CvatTokenContractTests(CvatPrism prism) : CvatContractTests(prism), IClassFixture<CvatPrism>
{
    protected override IReadOnlyDictionary<string, string?> Credentials { get; } = new Dictionary<string, string?> { ["AccessToken"] = "f2a0c6e1b8d94c3aa1b2c3d4e5f60718" };
}

/// <summary>The contract with Basic credentials.</summary>
public sealed class CvatBasicContractTests(CvatPrism prism) : CvatContractTests(prism), IClassFixture<CvatPrism>
{
    protected override IReadOnlyDictionary<string, string?> Credentials { get; } = new Dictionary<string, string?> { ["Username"] = "annotator", ["Password"] = "s3cret" };
}
