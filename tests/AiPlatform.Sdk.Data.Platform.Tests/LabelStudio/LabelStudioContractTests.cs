using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Data.Platform.LabelStudio;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.LabelStudio;

/// <summary>
/// Every operation of <see cref="ILabelStudioClient"/> against Prism serving Definitions/label-studio.yaml (trimmed from the
/// label-studio-sdk's .mock/openapi/openapi.yaml), with each kind of key: Prism refuses paths, queries and bodies the definition does
/// not allow and requests without the Authorization header, so each successful call was well-formed.
/// </summary>
[Trait("Kind", "Contract")]
public abstract class LabelStudioContractTests(LabelStudioPrism prism)
{
    private const string LabelConfig = """<View><Image name="image" value="$image"/><Choices name="animal" toName="image"><Choice value="cat"/><Choice value="dog"/></Choices></View>""";

    /// <summary>The key configured for the client.</summary>
    protected abstract string ApiKey { get; }

    protected ServiceProvider Build(Action<HttpRequestMessage>? alter = null) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:LabelStudio:Endpoint"] = prism.BaseAddress.AbsoluteUri,
            ["DataPlatform:LabelStudio:ApiKey"] = ApiKey,
            ["DataPlatform:LabelStudio:PollInterval"] = "00:00:00.001",
        },
        p => p.AddLabelStudio(), "label-studio", alter);

    [Fact]
    public async Task A_project_is_created_with_a_labeling_config_read_and_listed()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<ILabelStudioClient>();

        var created = await client.CreateProjectAsync("Cats and dogs", LabelConfig, "first batch");
        var read = await client.GetProjectAsync(created.Id);
        var all = await client.ListProjectsAsync().ToListAsync();

        Assert.Equal(7, created.Id);
        Assert.Contains("<Choices name=\"animal\"", created.LabelConfig, StringComparison.Ordinal);
        Assert.Equal(2, read.TaskNumber);
        Assert.Equal(2, read.TotalPredictionsNumber);
        Assert.Equal("Cats and dogs", Assert.Single(all).Title);
    }

    [Fact]
    public async Task Tasks_are_imported_as_a_json_array_and_their_ids_returned()
    {
        await using var provider = Build();

        var result = await provider.GetRequiredService<ILabelStudioClient>().ImportTasksAsync(7,
            [new JsonObject { ["image"] = "s3://raw/cats/1.jpg" }, new JsonObject { ["image"] = "s3://raw/cats/2.jpg" }]);

        Assert.Equal(2, result.TaskCount);
        Assert.Equal([101, 102], result.TaskIds);
    }

    [Fact]
    public async Task Objects_in_the_store_are_imported_as_tasks_with_presigned_urls()
    {
        await using var provider = Build();
        await using var bucket = await S3TestBucket.CreateAsync();
        List<ObjectInfo> images = [await bucket.PutAsync("cats/1.jpg", new byte[64]), await bucket.PutAsync("cats/2.jpg", new byte[32])];

        var result = await provider.GetRequiredService<ILabelStudioClient>().ImportObjectsAsync(7, bucket.Store, images);

        Assert.Equal([101, 102], result.TaskIds);
    }

    [Fact]
    public async Task Predictions_are_created_one_by_one_and_in_bulk()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<ILabelStudioClient>();
        var prediction = new LabelStudioPredictionRequest { Task = 101, Result = [Choice("cat")], ModelVersion = "resnet-3", Score = 0.91 };

        var one = await client.CreatePredictionAsync(prediction);
        var many = await client.ImportPredictionsAsync(7, [prediction, new LabelStudioPredictionRequest { Task = 102, Result = [Choice("dog")] }]);

        Assert.Equal(101, one.Task);
        Assert.Equal("choices", one.Result[0]["type"]!.GetValue<string>());
        Assert.Equal(2, many);
    }

    [Fact]
    public async Task A_small_project_is_exported_synchronously_as_json()
    {
        await using var provider = Build();

        await using var export = await provider.GetRequiredService<ILabelStudioClient>().ExportAsync(7, LabelStudioExportFormat.Json, allTasks: true);
        using var tasks = await JsonDocument.ParseAsync(export);

        var task = Assert.Single(tasks.RootElement.EnumerateArray());
        Assert.Equal("s3://raw/cats/1.jpg", task.GetProperty("data").GetProperty("image").GetString());
    }

    [Fact]
    public async Task A_snapshot_is_created_read_converted_and_downloaded()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<ILabelStudioClient>();

        var created = await client.CreateExportAsync(7, "dataset v1");
        var read = await client.GetExportAsync(7, created.Id);
        await client.ConvertExportAsync(7, created.Id, LabelStudioExportFormat.Coco);
        await using var file = await client.DownloadExportAsync(7, created.Id, LabelStudioExportFormat.Coco);
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);

        Assert.Equal(LabelStudioExportStatus.Created, created.Status);
        Assert.Equal(LabelStudioExportStatus.Completed, read.Status);
        Assert.Equal(LabelStudioExportFormat.Coco, Assert.Single(read.ConvertedFormats).ExportType);
        Assert.NotEqual(0, bytes.Length);
    }

    [Fact]
    public async Task A_snapshot_export_in_coco_runs_every_step()
    {
        await using var provider = Build();
        var seen = new List<LabelStudioExportStatus>();

        await using var file = await provider.GetRequiredService<ILabelStudioClient>().ExportSnapshotAsync(
            7, LabelStudioExportFormat.Coco, new SynchronousProgress<LabelStudioExport>(e => seen.Add(e.Status)));

        Assert.NotEqual(-1, file.ReadByte());
        Assert.Equal([LabelStudioExportStatus.Completed, LabelStudioExportStatus.Completed], seen);
    }

    [Fact]
    public async Task Missing_credentials_are_unauthorized()
    {
        await using var provider = Build(PlatformHost.NoCredentials);

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => provider.GetRequiredService<ILabelStudioClient>().GetProjectAsync(7));

        Assert.Equal("label-studio", error.Service);
        Assert.Equal("GetProject", error.Operation);
    }

    [Fact]
    public async Task Forbidden_is_mapped()
    {
        await using var provider = Build(PlatformHost.PreferCode(403));

        var error = await Assert.ThrowsAsync<AiPlatformForbiddenException>(() => provider.GetRequiredService<ILabelStudioClient>().CreateExportAsync(7));

        Assert.Equal("You do not have permission to perform this action.", error.ServerMessage);
    }

    [Fact]
    public async Task Not_found_names_the_export()
    {
        await using var provider = Build(PlatformHost.PreferCode(404));

        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => provider.GetRequiredService<ILabelStudioClient>().GetExportAsync(7, 3));

        Assert.Contains("export 3 of project 7 was not found", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Choice(string value) => new()
    {
        ["from_name"] = "animal",
        ["to_name"] = "image",
        ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(value) },
    };
}

/// <summary>The contract with a legacy token (<c>Authorization: Token ...</c>).</summary>
public sealed class LabelStudioLegacyTokenContractTests(LabelStudioPrism prism) : LabelStudioContractTests(prism), IClassFixture<LabelStudioPrism>
{
    protected override string ApiKey => "0123456789abcdef0123456789abcdef01234567";
}

/// <summary>The contract with a personal access token, exchanged at the definition's <c>/api/token/refresh/</c> for a bearer token.</summary>
public sealed class LabelStudioPersonalAccessTokenContractTests(LabelStudioPrism prism) : LabelStudioContractTests(prism), IClassFixture<LabelStudioPrism>
{
    protected override string ApiKey => TestJwt.Create("refresh-1", DateTimeOffset.UtcNow.AddDays(200));
}
