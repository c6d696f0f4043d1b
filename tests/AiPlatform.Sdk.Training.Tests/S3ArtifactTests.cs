using System.Security.Cryptography;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Artifacts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>
/// Artifacts of an MLflow server's run whose artifact URI is <c>s3://bucket/...</c> (MLflow with <c>--default-artifact-root s3://...</c>
/// and no artifact proxy), read and written straight through the Data layer's object store on the live S3 server the suite runs
/// (Swift's S3 API). The MLflow server is a Kestrel fake answering <c>runs/get</c> as <c>service.proto</c>'s <c>GetRun</c> defines it.
/// </summary>
[Trait("Kind", "Live")]
public sealed class S3ArtifactTests : IAsyncLifetime
{
    private readonly string _bucket = $"mlflow-{Guid.NewGuid():N}"[..20];
    private KestrelTestServer _mlflow = null!;
    private ServiceProvider _services = null!;

    private IArtifactRepository Artifacts => _services.GetRequiredService<IArtifactRepository>();

    private IObjectStore Store => _services.GetRequiredService<IObjectStore>();

    public async Task InitializeAsync()
    {
        _mlflow = await KestrelTestServer.StartAsync(app => app.MapGet("/api/2.0/mlflow/runs/get", (string run_id) => Results.Json(new
        {
            run = new
            {
                info = new { run_id, run_uuid = run_id, experiment_id = "3", status = "RUNNING", start_time = 1733600000000, artifact_uri = $"s3://{_bucket}/3/{run_id}/artifacts", lifecycle_stage = "active" },
                data = new { },
            },
        })));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:DataPath"] = Directory.CreateTempSubdirectory("aip-s3-artifacts-").FullName,
            ["AiPlatform:Training:Tracking:Endpoint"] = _mlflow.BaseAddress.ToString(),
            ["AiPlatform:Training:Tracking:Authenticate"] = "false",
            ["AiPlatform:Data:ObjectStore:Endpoint"] = ServiceEndpoints.S3Endpoint,
            ["AiPlatform:Data:ObjectStore:AccessKey"] = ServiceEndpoints.S3AccessKey,
            ["AiPlatform:Data:ObjectStore:SecretKey"] = ServiceEndpoints.S3SecretKey,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddTraining().AddData();
        _services = services.BuildServiceProvider();
        await Store.CreateBucketAsync(_bucket);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _mlflow.DisposeAsync();
    }

    [Fact]
    public async Task A_large_artifact_goes_to_the_runs_bucket_in_parts_and_comes_back_whole_with_progress()
    {
        var model = RandomNumberGenerator.GetBytes(12 * 1024 * 1024);
        long uploaded = 0, downloaded = 0;

        await Artifacts.UploadAsync("r1", "model/model.onnx", new MemoryStream(model), new SynchronousProgress<long>(b => uploaded = b));
        using var copy = new MemoryStream();
        await Artifacts.DownloadAsync("r1", "model/model.onnx", copy, new SynchronousProgress<long>(b => downloaded = b));

        Assert.Equal(model, copy.ToArray());
        Assert.Equal((model.Length, model.Length), (uploaded, downloaded));
        var stored = await Store.StatAsync(_bucket, "3/r1/artifacts/model/model.onnx");
        Assert.Equal(model.Length, stored.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(model)), stored.Sha256);
    }

    [Fact]
    public async Task Listing_shows_one_level_with_sizes_and_paths_relative_to_the_runs_root()
    {
        await Artifacts.UploadAsync("r2", "metrics.json", new MemoryStream("{}"u8.ToArray()));
        await Artifacts.UploadAsync("r2", "model/model.onnx", new MemoryStream(new byte[10]));
        await Artifacts.UploadAsync("r2", "model/tokenizer/vocab.txt", new MemoryStream(new byte[3]));

        var root = await Artifacts.ListAsync("r2");
        var model = await Artifacts.ListAsync("r2", "model");

        Assert.Equal([new ArtifactInfo("metrics.json", false, 2), new ArtifactInfo("model", true, null)], root);
        Assert.Equal([new ArtifactInfo("model/model.onnx", false, 10), new ArtifactInfo("model/tokenizer", true, null)], model);
    }

    [Fact]
    public async Task A_missing_artifact_is_not_found_and_a_traversal_is_refused_before_anything_is_written()
    {
        await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Artifacts.DownloadAsync("r3", "absent.bin", new MemoryStream()));
        await Assert.ThrowsAsync<AiPlatformValidationException>(() => Artifacts.UploadAsync("r3", "../escape.bin", new MemoryStream(new byte[1])));
        Assert.Empty(await Store.ListAsync(_bucket, "3/").ToListAsync());
    }
}
