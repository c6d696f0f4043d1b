using System.Text.RegularExpressions;
using AiPlatform.Sdk.AspNetCore.Inference;
using AiPlatform.Sdk.Training.Artifacts;
using AiPlatform.Sdk.Training.Registry;
using AiPlatform.Sdk.Training.Tracking;

namespace AiPlatform.Sdk.AspNetCore.Training;

/// <summary>
/// The hand-off from the model registry to serving: resolves a registered model version (<c>churn@champion</c>, <c>churn/3</c> or
/// <c>models:/churn@champion</c>), downloads its ONNX file from the run's artifacts, and puts it into the inference server's model
/// repository as <c>{repository}/{name}/{version}/model.onnx</c>, where the Open Inference Protocol serves it at once (no restart).
/// Registered by <c>AddExperimentTracking()</c>; deploying needs <c>AddInferenceProtocol()</c> too.
/// </summary>
public sealed partial class ModelDeployment
{
    private readonly IModelRegistry _registry;
    private readonly IArtifactRepository _artifacts;
    private readonly IServiceProvider _services;

    internal ModelDeployment(IModelRegistry registry, IArtifactRepository artifacts, IServiceProvider services)
    {
        _registry = registry;
        _artifacts = artifacts;
        _services = services;
    }

    /// <summary>Deploys a registered model version to the inference server.</summary>
    /// <param name="modelUri"><c>name@alias</c>, <c>name/version</c>, or either behind <c>models:/</c>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The version deployed; the inference server serves it as model <see cref="ModelVersion.Name"/>, version <see cref="ModelVersion.Version"/>.</returns>
    /// <exception cref="AiPlatformNotFoundException">The model, version or alias does not exist.</exception>
    /// <exception cref="AiPlatformValidationException">The version's source is not a run's artifacts (<c>runs:/{run_id}/{path}</c>).</exception>
    public async Task<ModelVersion> DeployAsync(string modelUri, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelUri);
        var match = ModelUri().Match(modelUri);
        if (!match.Success)
        {
            throw TrackingErrors.Invalid("Deploy", $"Invalid model URI '{modelUri}': expected name@alias or name/version, optionally after models:/.");
        }

        var name = match.Groups["name"].Value;
        var version = match.Groups["alias"].Success
            ? await _registry.GetModelVersionByAliasAsync(name, match.Groups["alias"].Value, cancellationToken).ConfigureAwait(false)
            : await _registry.GetModelVersionAsync(name, match.Groups["version"].Value, cancellationToken).ConfigureAwait(false);
        var source = RunSource().Match(version.Source);
        if (!source.Success)
        {
            throw TrackingErrors.Invalid("Deploy", $"Model version {name}/{version.Version} comes from '{version.Source}'; only runs:/<run_id>/<path> sources can be deployed.");
        }

        var repository = _services.GetService<ModelRepository>()
            ?? throw new InvalidOperationException("Deploying a model needs the inference protocol server: call builder.AddInferenceProtocol().");
        var path = source.Groups["path"].Value.Trim('/');
        var onnx = path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? path : $"{path}/model.onnx".TrimStart('/');
        var folder = Path.Combine(repository.Root, name, version.Version);
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, $".model.onnx.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var file = File.Create(partial))
            {
                await _artifacts.DownloadAsync(source.Groups["run"].Value, onnx, file, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, Path.Combine(folder, "model.onnx"), overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        return version;
    }

    [GeneratedRegex("""^(?:models:/)?(?<name>[^@/]+)(?:@(?<alias>[^@/]+)|/(?<version>\d+))$""")]
    private static partial Regex ModelUri();

    [GeneratedRegex("""^runs:/(?<run>[0-9a-fA-F]{32})(?<path>/.*)?$""")]
    private static partial Regex RunSource();
}
