using System.Security.Cryptography;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Artifacts;
using AiPlatform.Sdk.Training.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>One suite of artifact behaviour, against the embedded store and through MLflow's artifact proxy on the platform's server.</summary>
public abstract class ArtifactRepositorySuite
{
    protected abstract IArtifactRepository Artifacts { get; }

    protected abstract IExperimentTracker Tracker { get; }

    private async Task<string> NewRunAsync() =>
        (await Tracker.CreateRunAsync(await Tracker.CreateExperimentAsync($"artifacts-{Guid.NewGuid():N}"))).Info.RunId;

    [Fact]
    public async Task Files_round_trip_and_are_listed_by_folder()
    {
        var runId = await NewRunAsync();
        await Artifacts.UploadAsync(runId, "model/model.onnx", new MemoryStream([1, 2, 3, 4]));
        await Artifacts.UploadAsync(runId, "model/vocab.txt", new MemoryStream("[CLS]\n"u8.ToArray()));
        await Artifacts.UploadAsync(runId, "metrics.json", new MemoryStream("{}"u8.ToArray()));

        using var copy = new MemoryStream();
        await Artifacts.DownloadAsync(runId, "model/model.onnx", copy);
        var root = await Artifacts.ListAsync(runId);
        var model = await Artifacts.ListAsync(runId, "model");

        Assert.Equal([1, 2, 3, 4], copy.ToArray());
        Assert.Equal([new ArtifactInfo("metrics.json", false, 2), new ArtifactInfo("model", true, null)], root);
        Assert.Equal(["model/model.onnx", "model/vocab.txt"], model.Select(a => a.Path));
        Assert.Equal(4, model[0].Size);
    }

    [Fact]
    public async Task A_50_MB_file_streams_both_ways_with_progress()
    {
        var runId = await NewRunAsync();
        var bytes = new byte[50 * 1024 * 1024];
        new Random(42).NextBytes(bytes);
        long uploaded = 0, downloaded = 0;

        await Artifacts.UploadAsync(runId, "data/big.bin", new MemoryStream(bytes), new SynchronousProgress<long>(n => uploaded = n));
        await using var copy = new MemoryStream();
        await Artifacts.DownloadAsync(runId, "data/big.bin", copy, new SynchronousProgress<long>(n => downloaded = n));

        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(copy.ToArray()));
        Assert.Equal(bytes.Length, (await Artifacts.ListAsync(runId, "data")).Single().Size);
        Assert.Equal((bytes.Length, bytes.Length), (uploaded, downloaded));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("model/../../escape.txt")]
    [InlineData("model\\escape.txt")]
    [InlineData("./model.onnx")]
    public async Task Paths_that_leave_the_run_are_refused_and_nothing_is_written(string path)
    {
        var runId = await NewRunAsync();

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => Artifacts.UploadAsync(runId, path, new MemoryStream([9])));

        Assert.Equal("INVALID_PARAMETER_VALUE", error.ErrorCode);
        Assert.Empty(await Artifacts.ListAsync(runId));
    }

    [Fact]
    public async Task A_missing_artifact_or_run_is_not_found()
    {
        var runId = await NewRunAsync();

        var file = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Artifacts.DownloadAsync(runId, "nothing.bin", Stream.Null));
        await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Artifacts.UploadAsync("0123456789abcdef0123456789abcdef", "a.txt", new MemoryStream([1])));

        Assert.Equal(404, file.StatusCode);
    }
}

public sealed class EmbeddedArtifactTests(EmbeddedTrackerTests.Store store) : ArtifactRepositorySuite, IClassFixture<EmbeddedTrackerTests.Store>
{
    protected override IArtifactRepository Artifacts => store.Artifacts;

    protected override IExperimentTracker Tracker => store.Tracker;
}

public sealed class ServerArtifactTests(ServerTrackerTests.MlflowServer server) : ArtifactRepositorySuite, IClassFixture<ServerTrackerTests.MlflowServer>
{
    protected override IArtifactRepository Artifacts => server.ClientServices.GetRequiredService<IArtifactRepository>();

    protected override IExperimentTracker Tracker => server.Client;
}
