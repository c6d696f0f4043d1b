using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AiPlatform.Sdk.Training.Datasets;

/// <summary>
/// Reads DVC's files as DVC documents them: a <c>.dvc</c> file's <c>outs</c>, a <c>dvc.lock</c>'s <c>stages.*.outs</c> (each out:
/// <c>path</c>, <c>md5</c>, <c>size</c>, <c>nfiles</c>, and <c>hash: md5</c> from DVC 3 on), and <c>.dvc/config</c>'s INI sections
/// (<c>[core] remote</c>, <c>['remote "name"'] url/endpointurl</c>).
/// </summary>
internal static class DvcFiles
{
    public sealed record Out(string Path, string Md5, long? Size, int? FileCount, DvcLayout Layout);

    /// <summary>The outputs of a <c>.dvc</c> file.</summary>
    public static IReadOnlyList<Out> ReadDvcFile(string yaml, string source) =>
        Outs(Child(Root(yaml, source), "outs"), source);

    /// <summary>The outputs of every stage of a <c>dvc.lock</c>.</summary>
    public static IReadOnlyList<Out> ReadLockFile(string yaml, string source) =>
        Child(Root(yaml, source), "stages") is YamlMappingNode stages
            ? [.. stages.Children.Values.SelectMany(stage => stage is YamlMappingNode s ? Outs(Child(s, "outs"), source) : [])]
            : [];

    /// <summary>The default remote's name and every remote of a <c>.dvc/config</c> (and <c>config.local</c>, read after it).</summary>
    public static (string? DefaultRemote, IReadOnlyDictionary<string, DvcRemote> Remotes) ReadConfig(params string[] configs)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var config in configs)
        {
            Dictionary<string, string>? section = null;
            foreach (var raw in config.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] is '#' or ';')
                {
                    continue;
                }

                if (line[0] == '[' && line[^1] == ']')
                {
                    // DVC writes ['remote "storage"']; people write [remote "storage"].
                    var name = line[1..^1].Trim().Trim('\'').Replace("\"", string.Empty, StringComparison.Ordinal);
                    name = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    section = sections.TryGetValue(name, out var existing) ? existing : sections[name] = new(StringComparer.OrdinalIgnoreCase);
                    continue;
                }

                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (section is not null && equals > 0)
                {
                    section[line[..equals].Trim()] = line[(equals + 1)..].Trim();
                }
            }
        }

        var remotes = sections
            .Where(s => s.Key.StartsWith("remote ", StringComparison.OrdinalIgnoreCase) && s.Value.ContainsKey("url"))
            .Select(s => DvcRemote.FromUrl(s.Key["remote ".Length..], s.Value["url"], s.Value.GetValueOrDefault("endpointurl")))
            .ToDictionary(r => r.Name, StringComparer.Ordinal);
        return (sections.GetValueOrDefault("core")?.GetValueOrDefault("remote"), remotes);
    }

    private static YamlMappingNode Root(string yaml, string source)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new FormatException($"{source} is not a DVC file: its top level is not a mapping.");
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source} is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}", e);
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static List<Out> Outs(YamlNode? outs, string source) =>
        outs is YamlSequenceNode list ? [.. list.Children.OfType<YamlMappingNode>().Select(o => ToOut(o, source))] : [];

    private static Out ToOut(YamlMappingNode node, string source)
    {
        string? Text(string key) => Child(node, key) is YamlScalarNode scalar ? scalar.Value : null;
        var path = Text("path") ?? throw new FormatException($"{source}: an out has no path.");
        var md5 = Text("md5") ?? throw new FormatException($"{source}: out '{path}' has no md5 (only md5-addressed outputs are supported).");
        return new Out(
            path,
            md5,
            Text("size") is { } size ? long.Parse(size, CultureInfo.InvariantCulture) : null,
            Text("nfiles") is { } files ? int.Parse(files, CultureInfo.InvariantCulture) : null,
            Text("hash") == "md5" ? DvcLayout.Dvc3 : DvcLayout.Legacy);
    }
}
