using System.Collections.Concurrent;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using Google.Protobuf;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// A model folder's configuration: the SDK's <c>config.json</c> (Triton's model configuration in JSON) when present, else Triton's own
/// <c>config.pbtxt</c> (protobuf text format). Read once per change of the file, so that version listings can consult the version
/// policy on every request.
/// </summary>
internal sealed class ModelConfigFiles
{
    public const string Json = "config.json";
    public const string Text = "config.pbtxt";
    private static readonly JsonParser JsonConfig = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private readonly ConcurrentDictionary<string, (DateTime Written, ModelConfig? Config, string? Error)> _cache = new(StringComparer.Ordinal);

    /// <summary>The configuration of the model in <paramref name="folder"/>; an empty one when the folder has no file.</summary>
    /// <exception cref="FormatException">The file is malformed; the message names the file, line and column.</exception>
    public ModelConfig Read(string folder)
    {
        var (config, error) = TryRead(folder);
        return error is null ? config!.Clone() : throw new FormatException(error);
    }

    /// <summary>The configuration, or the reason it cannot be read.</summary>
    public (ModelConfig? Config, string? Error) TryRead(string folder)
    {
        var json = Path.Combine(folder, Json);
        var path = File.Exists(json) ? json : Path.Combine(folder, Text);
        if (!File.Exists(path))
        {
            return (new ModelConfig(), null);
        }

        var written = File.GetLastWriteTimeUtc(path);
        if (_cache.TryGetValue(path, out var cached) && cached.Written == written)
        {
            return (cached.Config, cached.Error);
        }

        (ModelConfig? Config, string? Error) parsed;
        try
        {
            var content = File.ReadAllText(path);
            parsed = (path == json ? JsonConfig.Parse<ModelConfig>(content) : ProtoText.Parse<ModelConfig>(content), null);
        }
        catch (Exception ex) when (ex is FormatException or InvalidProtocolBufferException or InvalidJsonException)
        {
            parsed = (null, $"invalid {Path.GetFileName(path)}: {ex.Message}");
        }

        _cache[path] = (written, parsed.Config, parsed.Error);
        return parsed;
    }

    /// <summary>Applies the version policy (Triton's <c>version_policy</c>) to the versions on disk, in ascending order.</summary>
    public static IReadOnlyList<string> Served(IReadOnlyList<string> versions, ModelVersionPolicy? policy) => policy?.PolicyChoiceCase switch
    {
        ModelVersionPolicy.PolicyChoiceOneofCase.Latest => [.. versions.TakeLast((int)Math.Max(1, policy.Latest.NumVersions))],
        ModelVersionPolicy.PolicyChoiceOneofCase.Specific => [.. versions.Where(v => policy.Specific.Versions.Contains(long.Parse(v, System.Globalization.CultureInfo.InvariantCulture)))],
        _ => versions,
    };
}
