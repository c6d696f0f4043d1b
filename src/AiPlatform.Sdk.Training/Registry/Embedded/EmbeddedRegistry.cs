using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Training.Tracking;
using AiPlatform.Sdk.Training.Tracking.Embedded;

namespace AiPlatform.Sdk.Training.Registry.Embedded;

/// <summary>
/// The model registry with no MLflow server, in the Data layer's document store beside the embedded tracking store. Version numbers
/// are given out under optimistic concurrency on the registered model, so concurrent registrations never share a number.
/// </summary>
internal sealed partial class EmbeddedRegistry(
    IDocumentStore<RegisteredModelDocument> models,
    IDocumentStore<ModelVersionDocument> versions,
    IDocumentStore<RunDocument> runs,
    ClientInstrumentation instrumentation,
    TimeProvider time) : IModelRegistry
{
    public Task<RegisteredModel> CreateRegisteredModelAsync(
        string name, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        RunAsync("CreateRegisteredModel", async ct =>
        {
            Validate(name, "CreateRegisteredModel");
            var now = Now();
            var model = new RegisteredModelDocument { Name = name, Description = description, CreationTime = now, LastUpdatedTime = now };
            foreach (var (key, value) in tags ?? new Dictionary<string, string>())
            {
                TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
                model.Tags[key] = value;
            }

            try
            {
                await models.InsertAsync(name, model, ct).ConfigureAwait(false);
            }
            catch (AiPlatformConflictException)
            {
                throw TrackingErrors.AlreadyExists("CreateRegisteredModel", $"Registered Model (name={name}) already exists.");
            }

            return ToModel(model);
        }, cancellationToken);

    public Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken cancellationToken = default) =>
        RunAsync("GetRegisteredModel", async ct => ToModel(await LoadModelAsync(name, "GetRegisteredModel", ct).ConfigureAwait(false)), cancellationToken);

    public async IAsyncEnumerable<RegisteredModel> SearchRegisteredModelsAsync(
        string? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var matches = NameFilter(filter);
        var found = new List<RegisteredModelDocument>();
        await foreach (var model in models.QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (matches(model.Document.Name))
            {
                found.Add(model.Document);
            }
        }

        foreach (var model in found.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            yield return ToModel(model);
        }
    }

    public Task<RegisteredModel> RenameRegisteredModelAsync(string name, string newName, CancellationToken cancellationToken = default) =>
        RunAsync("RenameRegisteredModel", async ct =>
        {
            Validate(newName, "RenameRegisteredModel");
            var model = await LoadModelAsync(name, "RenameRegisteredModel", ct).ConfigureAwait(false);
            var renamed = new RegisteredModelDocument
            {
                Name = newName, Description = model.Description, CreationTime = model.CreationTime, LastUpdatedTime = Now(),
                Tags = model.Tags, Aliases = model.Aliases, LatestVersion = model.LatestVersion,
            };
            try
            {
                await models.InsertAsync(newName, renamed, ct).ConfigureAwait(false);
            }
            catch (AiPlatformConflictException)
            {
                throw TrackingErrors.AlreadyExists("RenameRegisteredModel", $"Registered Model (name={newName}) already exists.");
            }

            foreach (var version in await VersionsOfAsync(name, ct).ConfigureAwait(false))
            {
                await versions.InsertAsync(VersionId(newName, version.Version), new ModelVersionDocument
                {
                    Name = newName, Version = version.Version, Source = version.Source, RunId = version.RunId, Description = version.Description,
                    Stage = version.Stage, CreationTime = version.CreationTime, LastUpdatedTime = version.LastUpdatedTime, Tags = version.Tags,
                }, ct).ConfigureAwait(false);
                await versions.DeleteAsync(VersionId(name, version.Version), cancellationToken: ct).ConfigureAwait(false);
            }

            await models.DeleteAsync(name, cancellationToken: ct).ConfigureAwait(false);
            return ToModel(renamed);
        }, cancellationToken);

    public Task SetRegisteredModelTagAsync(string name, string key, string value, CancellationToken cancellationToken = default) =>
        RunAsync("SetRegisteredModelTag", async ct =>
        {
            TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
            await UpdateModelAsync(name, "SetRegisteredModelTag", m => m.Tags[key] = value, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task DeleteRegisteredModelAsync(string name, CancellationToken cancellationToken = default) =>
        RunAsync("DeleteRegisteredModel", async ct =>
        {
            _ = await LoadModelAsync(name, "DeleteRegisteredModel", ct).ConfigureAwait(false);
            foreach (var version in await VersionsOfAsync(name, ct).ConfigureAwait(false))
            {
                await versions.DeleteAsync(VersionId(name, version.Version), cancellationToken: ct).ConfigureAwait(false);
            }

            return await models.DeleteAsync(name, cancellationToken: ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<ModelVersion> CreateModelVersionAsync(
        string name, string source, string? runId = null, string? description = null, IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default) =>
        RunAsync("CreateModelVersion", async ct =>
        {
            if (string.IsNullOrWhiteSpace(source))
            {
                throw TrackingErrors.Invalid("CreateModelVersion", "Missing value for required parameter 'source'.");
            }

            if (runId is not null && await runs.GetAsync(runId, ct).ConfigureAwait(false) is null)
            {
                throw TrackingErrors.NotFound("CreateModelVersion", $"Run '{runId}' not found");
            }

            var model = await UpdateModelAsync(name, "CreateModelVersion", m => m.LatestVersion++, ct).ConfigureAwait(false);
            var now = Now();
            var version = new ModelVersionDocument
            {
                Name = name, Version = model.LatestVersion.ToString(CultureInfo.InvariantCulture), Source = source, RunId = runId,
                Description = description, CreationTime = now, LastUpdatedTime = now,
            };
            foreach (var (key, value) in tags ?? new Dictionary<string, string>())
            {
                TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
                version.Tags[key] = value;
            }

            await versions.InsertAsync(VersionId(name, version.Version), version, ct).ConfigureAwait(false);
            return ToModel(version, model);
        }, cancellationToken);

    public Task<ModelVersion> GetModelVersionAsync(string name, string version, CancellationToken cancellationToken = default) =>
        RunAsync("GetModelVersion", async ct =>
        {
            var model = await LoadModelAsync(name, "GetModelVersion", ct).ConfigureAwait(false);
            return ToModel(await LoadVersionAsync(name, version, "GetModelVersion", ct).ConfigureAwait(false), model);
        }, cancellationToken);

    public async IAsyncEnumerable<ModelVersion> SearchModelVersionsAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = (await models.GetAsync(name, cancellationToken).ConfigureAwait(false))?.Document;
        if (model is null)
        {
            yield break;
        }

        foreach (var version in (await VersionsOfAsync(name, cancellationToken).ConfigureAwait(false))
                 .OrderByDescending(v => long.Parse(v.Version, CultureInfo.InvariantCulture)))
        {
            yield return ToModel(version, model);
        }
    }

    public Task<string> GetModelVersionDownloadUriAsync(string name, string version, CancellationToken cancellationToken = default) =>
        RunAsync("GetModelVersionDownloadUri", async ct =>
        {
            var stored = await LoadVersionAsync(name, version, "GetModelVersionDownloadUri", ct).ConfigureAwait(false);
            var runSource = RunsUri().Match(stored.Source);
            if (!runSource.Success)
            {
                return stored.Source;
            }

            var run = (await runs.GetAsync(runSource.Groups["run"].Value, ct).ConfigureAwait(false))?.Document
                ?? throw TrackingErrors.NotFound("GetModelVersionDownloadUri", $"Run '{runSource.Groups["run"].Value}' of {stored.Source} not found");
            return $"{run.ArtifactUri}/{runSource.Groups["path"].Value}".TrimEnd('/');
        }, cancellationToken);

    public Task SetModelVersionTagAsync(string name, string version, string key, string value, CancellationToken cancellationToken = default) =>
        RunAsync("SetModelVersionTag", async ct =>
        {
            TrackingLimits.Validate("tag", key, value, TrackingLimits.MaxTagValueLength);
            await UpdateVersionAsync(name, version, "SetModelVersionTag", v => v.Tags[key] = value, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task SetAliasAsync(string name, string alias, string version, CancellationToken cancellationToken = default) =>
        RunAsync("SetRegisteredModelAlias", async ct =>
        {
            if (string.IsNullOrWhiteSpace(alias) || alias.Equals("latest", StringComparison.OrdinalIgnoreCase) || VersionAlias().IsMatch(alias))
            {
                throw TrackingErrors.Invalid("SetRegisteredModelAlias", $"Invalid alias '{alias}': 'latest' and 'v<number>' are reserved.");
            }

            _ = await LoadVersionAsync(name, version, "SetRegisteredModelAlias", ct).ConfigureAwait(false);
            await UpdateModelAsync(name, "SetRegisteredModelAlias", m => m.Aliases[alias] = version, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task DeleteAliasAsync(string name, string alias, CancellationToken cancellationToken = default) =>
        RunAsync("DeleteRegisteredModelAlias", async ct =>
        {
            await UpdateModelAsync(name, "DeleteRegisteredModelAlias", m => m.Aliases.Remove(alias), ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<ModelVersion> GetModelVersionByAliasAsync(string name, string alias, CancellationToken cancellationToken = default) =>
        RunAsync("GetModelVersionByAlias", async ct =>
        {
            var model = await LoadModelAsync(name, "GetModelVersionByAlias", ct).ConfigureAwait(false);
            var version = model.Aliases.GetValueOrDefault(alias)
                ?? throw TrackingErrors.NotFound("GetModelVersionByAlias", $"Registered model alias {alias} not found.");
            return ToModel(await LoadVersionAsync(name, version, "GetModelVersionByAlias", ct).ConfigureAwait(false), model);
        }, cancellationToken);

    public Task<ModelVersion> TransitionStageAsync(
        string name, string version, string stage, bool archiveExistingVersions = false, CancellationToken cancellationToken = default) =>
        RunAsync("TransitionModelVersionStage", async ct =>
        {
            var target = RegistryStages.Normalize(stage);
            var model = await LoadModelAsync(name, "TransitionModelVersionStage", ct).ConfigureAwait(false);
            var moved = await UpdateVersionAsync(name, version, "TransitionModelVersionStage", v => v.Stage = target, ct).ConfigureAwait(false);
            if (archiveExistingVersions && target is not RegistryStages.None and not RegistryStages.Archived)
            {
                foreach (var other in (await VersionsOfAsync(name, ct).ConfigureAwait(false)).Where(v => v.Version != version && v.Stage == target))
                {
                    await UpdateVersionAsync(name, other.Version, "TransitionModelVersionStage", v => v.Stage = RegistryStages.Archived, ct).ConfigureAwait(false);
                }
            }

            return ToModel(moved, model);
        }, cancellationToken);

    /// <summary>MLflow's registered-model filter: <c>name = '...'</c>, <c>name LIKE '...'</c> or <c>name ILIKE '...'</c>.</summary>
    private static Func<string, bool> NameFilter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return static _ => true;
        }

        var match = NameClause().Match(filter);
        if (!match.Success)
        {
            throw TrackingErrors.Invalid("SearchRegisteredModels", $"Invalid filter '{filter}': expected name = '...', name LIKE '...' or name ILIKE '...'.");
        }

        var value = match.Groups["value"].Value;
        var op = match.Groups["op"].Value.ToUpperInvariant();
        if (op == "=")
        {
            return name => name == value;
        }

        var regex = new Regex(
            "^" + Regex.Escape(value).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$",
            (op == "ILIKE" ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        return regex.IsMatch;
    }

    private static void Validate(string name, string operation)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 256 || name.Any(char.IsControl))
        {
            throw TrackingErrors.Invalid(operation, $"Invalid registered model name '{name}': 1 to 256 characters, no control characters.");
        }
    }

    private static string VersionId(string name, string version) => $"{name}/{version}";

    private async Task<List<ModelVersionDocument>> VersionsOfAsync(string name, CancellationToken ct)
    {
        var found = new List<ModelVersionDocument>();
        await foreach (var version in versions.QueryAsync(RegistryCollections.Versions.Query().Where(f => f.Eq(v => v.Name, name)), ct).ConfigureAwait(false))
        {
            found.Add(version.Document);
        }

        return found;
    }

    private async Task<RegisteredModelDocument> LoadModelAsync(string name, string operation, CancellationToken ct) =>
        (await models.GetAsync(name, ct).ConfigureAwait(false))?.Document
        ?? throw TrackingErrors.NotFound(operation, $"Registered Model with name={name} not found");

    private async Task<ModelVersionDocument> LoadVersionAsync(string name, string version, string operation, CancellationToken ct) =>
        (await versions.GetAsync(VersionId(name, version), ct).ConfigureAwait(false))?.Document
        ?? throw TrackingErrors.NotFound(operation, $"Model Version (name={name}, version={version}) not found");

    private Task<RegisteredModelDocument> UpdateModelAsync(string name, string operation, Action<RegisteredModelDocument> change, CancellationToken ct) =>
        DocumentUpdates.UpdateAsync(models, name, () => TrackingErrors.NotFound(operation, $"Registered Model with name={name} not found"), m =>
        {
            change(m);
            m.LastUpdatedTime = Now();
        }, ct);

    private Task<ModelVersionDocument> UpdateVersionAsync(string name, string version, string operation, Action<ModelVersionDocument> change, CancellationToken ct) =>
        DocumentUpdates.UpdateAsync(versions, VersionId(name, version), () => TrackingErrors.NotFound(operation, $"Model Version (name={name}, version={version}) not found"), v =>
        {
            change(v);
            v.LastUpdatedTime = Now();
        }, ct);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), cancellationToken: cancellationToken);

    private static RegisteredModel ToModel(RegisteredModelDocument m) => new(
        m.Name, m.Description, DateTimeOffset.FromUnixTimeMilliseconds(m.CreationTime), DateTimeOffset.FromUnixTimeMilliseconds(m.LastUpdatedTime), m.Tags, m.Aliases);

    private static ModelVersion ToModel(ModelVersionDocument v, RegisteredModelDocument model) => new(
        v.Name, v.Version, v.Source, v.RunId, v.Description, v.Stage, DateTimeOffset.FromUnixTimeMilliseconds(v.CreationTime),
        DateTimeOffset.FromUnixTimeMilliseconds(v.LastUpdatedTime), v.Tags, [.. model.Aliases.Where(a => a.Value == v.Version).Select(a => a.Key).Order(StringComparer.Ordinal)]);

    [GeneratedRegex("""^runs:/(?<run>[0-9a-fA-F]{32})/?(?<path>.*)$""")]
    private static partial Regex RunsUri();

    [GeneratedRegex("""^v\d+$""", RegexOptions.IgnoreCase)]
    private static partial Regex VersionAlias();

    [GeneratedRegex("""^\s*name\s*(?<op>=|(?i:ILIKE)|(?i:LIKE))\s*'(?<value>[^']*)'\s*$""")]
    private static partial Regex NameClause();
}
