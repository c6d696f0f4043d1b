using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Training.Datasets;

/// <summary>
/// A directory's <c>.dir</c> manifest: the JSON list of <c>{"md5", "relpath"}</c> entries in path order. Written byte for byte as
/// DVC writes it (Python's <c>json.dumps(entries, sort_keys=True)</c>: <c>", "</c> and <c>": "</c> separators, non-ASCII as
/// <c>\uXXXX</c>), because the directory's md5 is the md5 of these bytes.
/// </summary>
internal static class DvcManifest
{
    public static byte[] Write(IEnumerable<(string Md5, string RelPath)> entries)
    {
        var text = new StringBuilder("[");
        var first = true;
        foreach (var (md5, relPath) in entries)
        {
            text.Append(first ? "{\"md5\": " : ", {\"md5\": ");
            Quote(text, md5);
            text.Append(", \"relpath\": ");
            Quote(text, relPath);
            text.Append('}');
            first = false;
        }

        return Encoding.ASCII.GetBytes(text.Append(']').ToString());
    }

    public static IReadOnlyList<(string Md5, string RelPath)> Read(byte[] manifest, string dataset)
    {
        try
        {
            var entries = JsonSerializer.Deserialize(manifest, DvcJsonContext.Default.ListManifestEntry) ?? [];
            return [.. entries.Select(e => (e.Md5 ?? throw new JsonException("an entry has no md5"), e.Relpath ?? throw new JsonException("an entry has no relpath")))];
        }
        catch (JsonException e)
        {
            throw new AiPlatformValidationException("dvc", "Pull", $"The .dir manifest of {dataset} is not DVC's list of md5/relpath entries: {e.Message}", innerException: e);
        }
    }

    private static void Quote(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\b' => text.Append("\\b"),
                '\f' => text.Append("\\f"),
                < ' ' or > '~' => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }
}

internal sealed record ManifestEntry(string? Md5, string? Relpath);

[JsonSerializable(typeof(List<ManifestEntry>))]
[JsonSerializable(typeof(string))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class DvcJsonContext : JsonSerializerContext;
