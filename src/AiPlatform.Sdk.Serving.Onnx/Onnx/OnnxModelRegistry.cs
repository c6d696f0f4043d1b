using System.Collections.Concurrent;
using AiPlatform.Sdk.Serving.Onnx.Quantization;

namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>
/// The loaded models of an application, one <see cref="OnnxModel"/> (one session) per file and weight quantization, shared by every
/// caller. Concurrent first requests for the same file load it once. Disposing the registry disposes every model it loaded.
/// </summary>
public sealed class OnnxModelRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<OnnxModel>> _models = new(StringComparer.Ordinal);
    private readonly OnnxSessionSettings _defaults;

    /// <summary>Creates a registry whose models load with <paramref name="defaults"/> unless a call gives its own settings.</summary>
    /// <param name="defaults">The session settings for models loaded without their own.</param>
    public OnnxModelRegistry(OnnxSessionSettings? defaults = null) => _defaults = defaults ?? new OnnxSessionSettings();

    /// <summary>The full paths of the models loaded now.</summary>
    public IReadOnlyCollection<string> LoadedPaths => [.. _models.Where(m => m.Value.IsValueCreated).Select(m => m.Value.Value.Path!).Distinct()];

    /// <summary>Returns the model loaded from <paramref name="path"/>, loading it on first use.</summary>
    /// <param name="path">The <c>.onnx</c> file.</param>
    /// <param name="settings">Settings used if this call loads the model; the registry's defaults when <see langword="null"/>.</param>
    /// <returns>The shared model; do not dispose it.</returns>
    /// <exception cref="OnnxModelException">The model cannot be loaded; a later call tries again.</exception>
    public OnnxModel GetOrLoad(string path, OnnxSessionSettings? settings = null) => GetOrLoad(path, settings, calibrate: null);

    /// <summary>Returns the model loaded from <paramref name="path"/>; a load quantizing it calibrates with <paramref name="calibrate"/>.</summary>
    internal OnnxModel GetOrLoad(string path, OnnxSessionSettings? settings, ActivationCalibrator? calibrate)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        settings ??= _defaults;
        var fullPath = Path.GetFullPath(path);
        var key = Key(fullPath, settings.WeightQuantization);
        var lazy = _models.GetOrAdd(key, _ => new Lazy<OnnxModel>(() => OnnxModel.Load(fullPath, settings, calibrate)));
        try
        {
            return lazy.Value;
        }
        catch (OnnxModelException)
        {
            _models.TryRemove(new KeyValuePair<string, Lazy<OnnxModel>>(key, lazy));
            throw;
        }
    }

    /// <summary>Removes the models loaded from a file (float and quantized) and disposes each once its in-flight runs finish.</summary>
    /// <param name="path">The file the model was loaded from.</param>
    /// <returns><see langword="true"/> when a loaded model was removed.</returns>
    public bool Unload(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var removed = false;
        foreach (var quantization in Enum.GetValues<OnnxWeightQuantization>())
        {
            if (_models.TryRemove(Key(fullPath, quantization), out var lazy) && lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
                removed = true;
            }
        }

        return removed;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (_, lazy) in _models)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _models.Clear();
    }

    private static string Key(string fullPath, OnnxWeightQuantization quantization) => $"{quantization}:{fullPath}";
}
