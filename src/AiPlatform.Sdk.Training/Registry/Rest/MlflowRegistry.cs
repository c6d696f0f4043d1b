using System.Runtime.CompilerServices;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Training.Tracking;
using AiPlatform.Sdk.Training.Tracking.Rest;

namespace AiPlatform.Sdk.Training.Registry.Rest;

/// <summary>The model registry over an MLflow server's REST API 2.0.</summary>
internal sealed class MlflowRegistry(IMlflowRegistryApi api, ClientInstrumentation instrumentation) : IModelRegistry
{
    private const int PageSize = 1000;

    public async Task<RegisteredModel> CreateRegisteredModelAsync(
        string name, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var response = await CallAsync("CreateRegisteredModel",
            ct => api.CreateRegisteredModelAsync(new(name, MlflowMapping.Pairs(tags), description), ct), cancellationToken).ConfigureAwait(false);
        return RegistryMapping.ToModel(response.RegisteredModel);
    }

    public async Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var response = await CallAsync("GetRegisteredModel", ct => api.GetRegisteredModelAsync(name, ct), cancellationToken).ConfigureAwait(false);
        return RegistryMapping.ToModel(response.RegisteredModel);
    }

    public async IAsyncEnumerable<RegisteredModel> SearchRegisteredModelsAsync(
        string? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await CallAsync("SearchRegisteredModels",
                ct => api.SearchRegisteredModelsAsync(new(filter, PageSize, null, token), ct), cancellationToken).ConfigureAwait(false);
            foreach (var model in page.RegisteredModels ?? [])
            {
                yield return RegistryMapping.ToModel(model);
            }

            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    public async Task<RegisteredModel> RenameRegisteredModelAsync(string name, string newName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(newName);
        var response = await CallAsync("RenameRegisteredModel", ct => api.RenameRegisteredModelAsync(new(name, newName), ct), cancellationToken).ConfigureAwait(false);
        return RegistryMapping.ToModel(response.RegisteredModel);
    }

    public Task SetRegisteredModelTagAsync(string name, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
        return CallAsync("SetRegisteredModelTag", ct => api.SetRegisteredModelTagAsync(new(name, null, key, value), ct), cancellationToken);
    }

    public Task DeleteRegisteredModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return CallAsync("DeleteRegisteredModel", ct => api.DeleteRegisteredModelAsync(new(name), ct), cancellationToken);
    }

    public async Task<ModelVersion> CreateModelVersionAsync(
        string name, string source, string? runId = null, string? description = null, IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var response = await CallAsync("CreateModelVersion",
            ct => api.CreateModelVersionAsync(new(name, source, runId, MlflowMapping.Pairs(tags), description), ct), cancellationToken).ConfigureAwait(false);
        return RegistryMapping.ToModel(response.ModelVersion);
    }

    public async Task<ModelVersion> GetModelVersionAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var response = await CallAsync("GetModelVersion", ct => api.GetModelVersionAsync(name, version, ct), cancellationToken).ConfigureAwait(false);
        return RegistryMapping.ToModel(response.ModelVersion);
    }

    public async IAsyncEnumerable<ModelVersion> SearchModelVersionsAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var filter = $"name='{name.Replace("'", "\\'", StringComparison.Ordinal)}'";
        string? token = null;
        do
        {
            var page = await CallAsync("SearchModelVersions", ct => api.SearchModelVersionsAsync(filter, PageSize, token, ct), cancellationToken).ConfigureAwait(false);
            foreach (var version in page.ModelVersions ?? [])
            {
                yield return RegistryMapping.ToModel(version);
            }

            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    public async Task<string> GetModelVersionDownloadUriAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var response = await CallAsync("GetModelVersionDownloadUri", ct => api.GetDownloadUriAsync(name, version, ct), cancellationToken).ConfigureAwait(false);
        return response.ArtifactUri;
    }

    public Task SetModelVersionTagAsync(string name, string version, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
        return CallAsync("SetModelVersionTag", ct => api.SetModelVersionTagAsync(new(name, version, key, value), ct), cancellationToken);
    }

    public Task SetAliasAsync(string name, string alias, string version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        return CallAsync("SetRegisteredModelAlias", ct => api.SetAliasAsync(new(name, alias, version), ct), cancellationToken);
    }

    public Task DeleteAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        return CallAsync("DeleteRegisteredModelAlias", ct => api.DeleteAliasAsync(new(name, alias, null), ct), cancellationToken);
    }

    public async Task<ModelVersion> GetModelVersionByAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        var response = await CallAsync("GetModelVersionByAlias", ct => api.GetModelVersionByAliasAsync(name, alias, ct), cancellationToken).ConfigureAwait(false);
        return RegistryMapping.ToModel(response.ModelVersion);
    }

    public async Task<ModelVersion> TransitionStageAsync(
        string name, string version, string stage, bool archiveExistingVersions = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var response = await CallAsync("TransitionModelVersionStage",
            ct => api.TransitionStageAsync(new(name, version, RegistryStages.Normalize(stage), archiveExistingVersions), ct), cancellationToken).ConfigureAwait(false);
        return RegistryMapping.ToModel(response.ModelVersion);
    }

    private Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), e => TrackingErrors.FromServer(e, operation), cancellationToken: cancellationToken);
}
