namespace AiPlatform.Sdk.Training.Registry;

/// <summary>
/// A model registry as MLflow defines it: registered models, their versions, tags, aliases (MLflow 2's replacement for stages) and
/// stage transitions for older servers. Backed by the MLflow server of <c>AiPlatform:Training:Tracking:Endpoint</c> or by the embedded
/// store. Failures carry MLflow's codes, as <see cref="Tracking.IExperimentTracker"/>'s do.
/// </summary>
public interface IModelRegistry
{
    /// <summary>Registers a model name.</summary>
    /// <param name="name">The unique name.</param>
    /// <param name="description">A description.</param>
    /// <param name="tags">Tags to set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered model.</returns>
    Task<RegisteredModel> CreateRegisteredModelAsync(
        string name, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a registered model.</summary>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The model.</returns>
    Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Lists registered models, optionally those whose name matches <c>name LIKE '%pattern%'</c> or <c>name = 'x'</c>.</summary>
    /// <param name="filter">MLflow's registered-model filter, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The models.</returns>
    IAsyncEnumerable<RegisteredModel> SearchRegisteredModelsAsync(string? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Renames a registered model; its versions and aliases follow.</summary>
    /// <param name="name">The current name.</param>
    /// <param name="newName">The new name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The renamed model.</returns>
    Task<RegisteredModel> RenameRegisteredModelAsync(string name, string newName, CancellationToken cancellationToken = default);

    /// <summary>Sets a tag on a registered model.</summary>
    /// <param name="name">The model.</param>
    /// <param name="key">The tag.</param>
    /// <param name="value">Its value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tag is stored.</returns>
    Task SetRegisteredModelTagAsync(string name, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Deletes a registered model and its versions.</summary>
    /// <param name="name">The model.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is deleted.</returns>
    Task DeleteRegisteredModelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates the next version of a registered model from the files at <paramref name="source"/>.</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="source">Where the files are, such as a run's artifact URI joined with <c>model</c>.</param>
    /// <param name="runId">The run that produced it.</param>
    /// <param name="description">A description.</param>
    /// <param name="tags">Tags to set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version.</returns>
    Task<ModelVersion> CreateModelVersionAsync(
        string name, string source, string? runId = null, string? description = null, IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default);

    /// <summary>Reads a model version.</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    Task<ModelVersion> GetModelVersionAsync(string name, string version, CancellationToken cancellationToken = default);

    /// <summary>Lists the versions of a registered model, newest first.</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The versions.</returns>
    IAsyncEnumerable<ModelVersion> SearchModelVersionsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The URI to download a version's files from.</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The artifact URI.</returns>
    Task<string> GetModelVersionDownloadUriAsync(string name, string version, CancellationToken cancellationToken = default);

    /// <summary>Sets a tag on a model version.</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="version">The version.</param>
    /// <param name="key">The tag.</param>
    /// <param name="value">Its value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tag is stored.</returns>
    Task SetModelVersionTagAsync(string name, string version, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Points an alias (such as <c>champion</c>) at a version, moving it from any other.</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="alias">The alias.</param>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the alias is stored.</returns>
    Task SetAliasAsync(string name, string alias, string version, CancellationToken cancellationToken = default);

    /// <summary>Removes an alias.</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="alias">The alias.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the alias is removed.</returns>
    Task DeleteAliasAsync(string name, string alias, CancellationToken cancellationToken = default);

    /// <summary>Reads the version an alias points to.</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="alias">The alias.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    Task<ModelVersion> GetModelVersionByAliasAsync(string name, string alias, CancellationToken cancellationToken = default);

    /// <summary>Moves a version to a stage (MLflow 1.x workflows; prefer aliases).</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="version">The version.</param>
    /// <param name="stage"><c>None</c>, <c>Staging</c>, <c>Production</c> or <c>Archived</c>.</param>
    /// <param name="archiveExistingVersions">Move the versions now in <paramref name="stage"/> to <c>Archived</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version in its new stage.</returns>
    Task<ModelVersion> TransitionStageAsync(
        string name, string version, string stage, bool archiveExistingVersions = false, CancellationToken cancellationToken = default);
}
