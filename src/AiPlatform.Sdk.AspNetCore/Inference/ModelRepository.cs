using System.Collections.Concurrent;
using AiPlatform.Sdk;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Serving.Onnx;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// The models of a folder in Triton's layout: <c>&lt;repository&gt;/&lt;model&gt;/&lt;version&gt;/model.onnx</c> (a model folder
/// holding <c>model.onnx</c> directly counts as version 1), configured per model by Triton's <c>config.pbtxt</c> or the SDK's
/// <c>config.json</c> (<see cref="ModelConfigFiles"/>), whose <c>version_policy</c> decides the versions served. Versions load on
/// first use; the repository extension's load and unload change that.
/// </summary>
internal sealed class ModelRepository
{
    private const string ModelFile = "model.onnx";
    private static readonly JsonParser OverrideParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private readonly ModelConfigFiles _configs = new();
    private readonly ConcurrentDictionary<string, ModelConfig> _overrides = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Name, string Version), Lazy<ServedModel>> _loaded = new();
    private readonly ConcurrentDictionary<string, string> _unloaded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Name, string Version), string> _failed = new();
    private readonly OnnxModelRegistry _registry;
    private readonly InferenceServerSettings _settings;

    /// <param name="settings">The server's settings: the repository folder.</param>
    /// <param name="platform">The platform's settings: the data folder, under which the repository defaults to <c>models</c>.</param>
    /// <param name="registry">The application's ONNX sessions, whose defaults (<c>AiPlatform:Serving:Onnx</c>) every served model loads with.</param>
    public ModelRepository(IOptions<InferenceServerSettings> settings, IOptions<AiPlatformSettings> platform, OnnxModelRegistry registry)
    {
        _settings = settings.Value;
        _registry = registry;
        Root = Path.GetFullPath(settings.Value.ModelRepository ?? Path.Combine(platform.Value.DataPath, "models"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>
    /// The repository's model versions with their state: <c>READY</c> when the version loads, <c>UNAVAILABLE</c> with the reason
    /// when it was unloaded or fails to load (as Triton reports a model whose load failed). Listing loads each version once.
    /// </summary>
    public IEnumerable<RepositoryIndexResponse.Types.ModelIndex> Index(bool readyOnly)
    {
        foreach (var model in Directory.EnumerateDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            foreach (var version in Versions(model!))
            {
                var reason = Unavailability(model!, version);
                if (!readyOnly || reason is null)
                {
                    yield return new RepositoryIndexResponse.Types.ModelIndex
                    {
                        Name = model, Version = version, State = reason is null ? "READY" : "UNAVAILABLE", Reason = reason ?? string.Empty,
                    };
                }
            }
        }
    }

    /// <summary>Whether every version in the repository loads (the server's readiness, as Triton's strict readiness).</summary>
    public bool AllLoadable() => Index(readyOnly: false).All(m => m.State == "READY" || _unloaded.ContainsKey(m.Name));

    public IReadOnlyList<string> Versions(string model)
    {
        var folder = Path.Combine(Root, model);
        if (!IsSafeName(model) || !Directory.Exists(folder))
        {
            return [];
        }

        var versions = Directory.EnumerateDirectories(folder)
            .Select(Path.GetFileName)
            .Where(v => long.TryParse(v, out var n) && n > 0 && File.Exists(Path.Combine(folder, v!, ModelFile)))
            .OrderBy(v => long.Parse(v!, System.Globalization.CultureInfo.InvariantCulture))
            .Select(v => v!)
            .ToList();
        if (versions.Count == 0 && File.Exists(Path.Combine(folder, ModelFile)))
        {
            versions.Add("1");
        }

        // A configuration that cannot be read serves every version, each then failing to load with the reason.
        var policy = _overrides.TryGetValue(model, out var overridden) ? overridden.VersionPolicy : _configs.TryRead(folder).Config?.VersionPolicy;
        return ModelConfigFiles.Served(versions, policy);
    }

    public bool IsReady(string model, string? version) =>
        Versions(model) is { Count: > 0 } versions && (string.IsNullOrEmpty(version) ? versions[^1] : version) is var chosen &&
        versions.Contains(chosen) && Unavailability(model, chosen) is null;

    /// <summary>Returns the loaded model version (the latest when none is named), loading it on first use.</summary>
    public ServedModel Get(string model, string? version)
    {
        var versions = Versions(model);
        if (versions.Count == 0)
        {
            throw InferenceProtocolException.NotFound($"Request for unknown model: '{model}' is not found");
        }

        if (_unloaded.ContainsKey(model))
        {
            throw InferenceProtocolException.NotFound($"Request for unknown model: '{model}' has no available versions");
        }

        var chosen = string.IsNullOrEmpty(version) ? versions[^1] : version;
        if (!versions.Contains(chosen))
        {
            throw InferenceProtocolException.NotFound($"Request for unknown model: '{model}' version {chosen} is not found");
        }

        if (_failed.TryGetValue((model, chosen), out var failure))
        {
            throw new InferenceProtocolException(Grpc.Core.StatusCode.Unavailable, $"Request for unknown model: '{model}' version {chosen} is not ready: {failure}");
        }

        var lazy = _loaded.GetOrAdd((model, chosen), key => new Lazy<ServedModel>(() => Open(key.Name, key.Version)));
        try
        {
            return lazy.Value;
        }
        catch (InferenceProtocolException ex)
        {
            // Remembered until the next explicit load, so that readiness and the index report it rather than retrying.
            _failed[(model, chosen)] = ex.Message;
            _loaded.TryRemove(new KeyValuePair<(string, string), Lazy<ServedModel>>((model, chosen), lazy));
            throw new InferenceProtocolException(Grpc.Core.StatusCode.Unavailable, $"Request for unknown model: '{model}' version {chosen} is not ready: {ex.Message}");
        }
    }

    public IEnumerable<ServedModel> Loaded() => _loaded.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    /// <summary>
    /// (Re)loads a model, with the configuration <paramref name="configOverride"/> (Triton's JSON model configuration) in place of its
    /// files until the next load without one, as Triton's <c>parameters.config</c> does.
    /// </summary>
    public void Load(string model, string? configOverride = null)
    {
        if (Versions(model).Count == 0)
        {
            throw InferenceProtocolException.NotFound($"failed to load '{model}', no version is available");
        }

        if (configOverride is null)
        {
            _overrides.TryRemove(model, out _);
        }
        else
        {
            try
            {
                _overrides[model] = OverrideParser.Parse<ModelConfig>(configOverride);
            }
            catch (Exception ex) when (ex is InvalidJsonException or InvalidProtocolBufferException or FormatException)
            {
                throw InferenceProtocolException.Invalid($"failed to load '{model}': the config override is not a model configuration in JSON: {ex.Message}");
            }
        }

        Release(model);
        _unloaded.TryRemove(model, out _);
        foreach (var key in _failed.Keys.Where(k => k.Name == model))
        {
            _failed.TryRemove(key, out _);
        }

        Get(model, null);
    }

    public void Unload(string model)
    {
        if (Versions(model).Count == 0)
        {
            throw InferenceProtocolException.NotFound($"failed to unload '{model}', the model is not in the repository");
        }

        _unloaded[model] = "unloaded";
        Release(model);
    }


    // Why a version cannot serve, or null when it loads.
    private string? Unavailability(string model, string version)
    {
        if (_unloaded.TryGetValue(model, out var reason))
        {
            return reason;
        }

        try
        {
            Get(model, version);
            return null;
        }
        catch (InferenceProtocolException ex)
        {
            return _failed.GetValueOrDefault((model, version)) ?? ex.Message;
        }
    }

    private static bool IsSafeName(string name) =>
        name.Length > 0 && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && name is not "." and not "..";

    private void Release(string model)
    {
        foreach (var key in _loaded.Keys.Where(k => k.Name == model))
        {
            if (_loaded.TryRemove(key, out var lazy) && lazy.IsValueCreated)
            {
                _registry.Unload(ModelPath(key.Name, key.Version));
            }
        }
    }

    private string ModelPath(string model, string version)
    {
        var versioned = Path.Combine(Root, model, version, ModelFile);
        return File.Exists(versioned) ? versioned : Path.Combine(Root, model, ModelFile);
    }

    private ServedModel Open(string model, string version)
    {
        OnnxModel onnx;
        try
        {
            onnx = _registry.GetOrLoad(ModelPath(model, version));
        }
        catch (OnnxModelException ex)
        {
            throw new InferenceProtocolException(Grpc.Core.StatusCode.Internal, $"failed to load '{model}' version {version}: {ex.Message}");
        }

        var config = Configure(model, onnx);
        return new ServedModel(model, version, onnx, config, InferenceBounds.Of(config, _settings));
    }

    private ModelConfig Configure(string model, OnnxModel onnx)
    {
        ModelConfig config;
        try
        {
            config = _overrides.TryGetValue(model, out var overridden) ? overridden.Clone() : _configs.Read(Path.Combine(Root, model));
        }
        catch (FormatException ex)
        {
            throw new InferenceProtocolException(Grpc.Core.StatusCode.Internal, $"failed to load '{model}': {ex.Message}");
        }

        config.Name = model;
        config.Platform = "onnxruntime_onnx";
        config.Backend = "onnxruntime";

        // Triton's dims leave out the batch dimension when the model batches (max_batch_size > 0).
        var batchDims = config.MaxBatchSize > 0 ? 1 : 0;
        if (config.Input.Count == 0)
        {
            config.Input.AddRange(onnx.Inputs.Values.Select(i => new ModelInput
            {
                Name = i.Name, DataType = OnnxDatatypes.Config(OnnxDatatypes.Datatype(i.ElementType) ?? string.Empty),
                Dims = { i.Dimensions.Skip(Math.Min(batchDims, i.Dimensions.Count)).Select(d => (long)d) },
            }));
        }

        if (config.Output.Count == 0)
        {
            config.Output.AddRange(onnx.Outputs.Values.Select(o => new ModelOutput
            {
                Name = o.Name, DataType = OnnxDatatypes.Config(OnnxDatatypes.Datatype(o.ElementType) ?? string.Empty),
                Dims = { o.Dimensions.Skip(Math.Min(batchDims, o.Dimensions.Count)).Select(d => (long)d) },
            }));
        }

        return config;
    }
}
