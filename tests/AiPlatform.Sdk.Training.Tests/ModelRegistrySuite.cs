using AiPlatform.Sdk.Training.Registry;
using AiPlatform.Sdk.Training.Tracking;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>One suite of model registry behaviour, against the embedded store and through the MLflow client against the platform's server.</summary>
public abstract class ModelRegistrySuite
{
    protected abstract IModelRegistry Registry { get; }

    protected abstract IExperimentTracker Tracker { get; }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_run_is_registered_aliased_and_resolved_to_its_files()
    {
        var run = await Tracker.CreateRunAsync(await Tracker.CreateExperimentAsync(Unique("registry")));
        var name = Unique("churn-model");
        await Registry.CreateRegisteredModelAsync(name, "predicts churn", new Dictionary<string, string> { ["owner"] = "ds" });

        var v1 = await Registry.CreateModelVersionAsync(name, $"runs:/{run.Info.RunId}/model", run.Info.RunId);
        var v2 = await Registry.CreateModelVersionAsync(name, $"runs:/{run.Info.RunId}/model", run.Info.RunId, tags: new Dictionary<string, string> { ["auc"] = "0.91" });
        await Registry.SetAliasAsync(name, "champion", v2.Version);
        var champion = await Registry.GetModelVersionByAliasAsync(name, "champion");
        var uri = await Registry.GetModelVersionDownloadUriAsync(name, champion.Version);
        var model = await Registry.GetRegisteredModelAsync(name);

        Assert.Equal(["1", "2"], new[] { v1.Version, v2.Version });
        Assert.Equal("2", champion.Version);
        Assert.Equal(["champion"], champion.Aliases);
        Assert.Equal("0.91", champion.Tags["auc"]);
        Assert.Equal(run.Info.RunId, champion.RunId);
        Assert.Equal($"{run.Info.ArtifactUri}/model", uri);
        Assert.Equal("2", model.Aliases["champion"]);
        Assert.Equal("predicts churn", model.Description);
        Assert.Equal("ds", model.Tags["owner"]);
    }

    [Fact]
    public async Task Moving_and_deleting_an_alias_changes_what_it_resolves_to()
    {
        var name = Unique("aliases");
        await Registry.CreateRegisteredModelAsync(name);
        var v1 = await Registry.CreateModelVersionAsync(name, "s3://models/a");
        var v2 = await Registry.CreateModelVersionAsync(name, "s3://models/b");

        await Registry.SetAliasAsync(name, "champion", v1.Version);
        await Registry.SetAliasAsync(name, "champion", v2.Version);
        var moved = await Registry.GetModelVersionByAliasAsync(name, "champion");
        await Registry.DeleteAliasAsync(name, "champion");
        var gone = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Registry.GetModelVersionByAliasAsync(name, "champion"));

        Assert.Equal(v2.Version, moved.Version);
        Assert.Equal("s3://models/b", await Registry.GetModelVersionDownloadUriAsync(name, moved.Version));
        Assert.Empty((await Registry.GetModelVersionAsync(name, v1.Version)).Aliases);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", gone.ErrorCode);
    }

    [Fact]
    public async Task Names_are_unique_and_unknown_models_are_not_found()
    {
        var name = Unique("unique");
        await Registry.CreateRegisteredModelAsync(name);

        var taken = await Assert.ThrowsAsync<AiPlatformConflictException>(() => Registry.CreateRegisteredModelAsync(name));
        var missing = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Registry.GetRegisteredModelAsync(Unique("missing")));
        var noVersion = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Registry.GetModelVersionAsync(name, "9"));
        var orphan = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Registry.CreateModelVersionAsync(Unique("nobody"), "s3://x"));

        Assert.Equal("RESOURCE_ALREADY_EXISTS", taken.ErrorCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", missing.ErrorCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", noVersion.ErrorCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", orphan.ErrorCode);
    }

    [Fact]
    public async Task Search_rename_and_delete_keep_versions_with_their_model()
    {
        var prefix = Unique("search");
        await Registry.CreateRegisteredModelAsync($"{prefix}-a");
        await Registry.CreateRegisteredModelAsync($"{prefix}-b");
        await Registry.CreateModelVersionAsync($"{prefix}-a", "s3://a/1");
        await Registry.SetAliasAsync($"{prefix}-a", "prod", "1");

        var found = await Registry.SearchRegisteredModelsAsync($"name LIKE '{prefix}%'").Select(m => m.Name).ToListAsync();
        var renamed = await Registry.RenameRegisteredModelAsync($"{prefix}-a", $"{prefix}-c");
        var versions = await Registry.SearchModelVersionsAsync($"{prefix}-c").ToListAsync();
        await Registry.DeleteRegisteredModelAsync($"{prefix}-b");

        Assert.Equal([$"{prefix}-a", $"{prefix}-b"], found);
        Assert.Equal($"{prefix}-c", renamed.Name);
        Assert.Equal("1", renamed.Aliases["prod"]);
        Assert.Equal("s3://a/1", versions.Single().Source);
        await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Registry.GetRegisteredModelAsync($"{prefix}-a"));
        await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Registry.GetRegisteredModelAsync($"{prefix}-b"));
    }

    [Fact]
    public async Task Stage_transitions_archive_the_previous_production_version()
    {
        var name = Unique("stages");
        await Registry.CreateRegisteredModelAsync(name);
        await Registry.CreateModelVersionAsync(name, "s3://m/1");
        await Registry.CreateModelVersionAsync(name, "s3://m/2");

        await Registry.TransitionStageAsync(name, "1", "production");
        var second = await Registry.TransitionStageAsync(name, "2", "Production", archiveExistingVersions: true);
        var invalid = await Assert.ThrowsAsync<AiPlatformValidationException>(() => Registry.TransitionStageAsync(name, "1", "Canary"));

        Assert.Equal("Production", second.Stage);
        Assert.Equal("Archived", (await Registry.GetModelVersionAsync(name, "1")).Stage);
        Assert.Equal("INVALID_PARAMETER_VALUE", invalid.ErrorCode);
    }

    [Fact]
    public async Task Concurrent_registrations_get_distinct_version_numbers()
    {
        var name = Unique("concurrent");
        await Registry.CreateRegisteredModelAsync(name);

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Registry.CreateModelVersionAsync(name, $"s3://m/{i}")));

        Assert.Equal(Enumerable.Range(1, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), created.Select(v => v.Version).Order());
    }
}

public sealed class EmbeddedRegistryTests(EmbeddedTrackerTests.Store store) : ModelRegistrySuite, IClassFixture<EmbeddedTrackerTests.Store>
{
    protected override IModelRegistry Registry => store.Registry;

    protected override IExperimentTracker Tracker => store.Tracker;
}

public sealed class ServerRegistryTests(ServerTrackerTests.MlflowServer server) : ModelRegistrySuite, IClassFixture<ServerTrackerTests.MlflowServer>
{
    protected override IModelRegistry Registry => server.Registry;

    protected override IExperimentTracker Tracker => server.Client;
}
