using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace AiPlatform.Sdk.Analyzers.Configuration;

/// <summary>
/// The SDK's settings as one tree, merged from the <c>ConfigurationSchema.json</c> of every package (embedded at build time).
/// A node is a section (named <c>properties</c>, and for keyed clients an <c>additionalProperties</c> schema that every named
/// sub-section follows) or a value (a <c>type</c>, an <c>enum</c>, a <c>format</c> or a <c>pattern</c>).
/// </summary>
internal sealed class SettingsSchema
{
    private const string ResourcePrefix = "AiPlatform.Sdk.Analyzers.Schemas.";

    private static readonly Lazy<SettingsSchema> Embedded = new Lazy<SettingsSchema>(LoadEmbedded);

    private SettingsSchema()
    {
    }

    /// <summary>The accepted JSON schema types (<c>object</c>, <c>string</c>, <c>integer</c>, ...); empty when any is accepted.</summary>
    public HashSet<string> Types { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The names of an enumeration, or null.</summary>
    public List<string>? Enum { get; private set; }

    public string? Format { get; private set; }

    public string? Pattern { get; private set; }

    /// <summary>The named children of a section; configuration keys are case-insensitive.</summary>
    public Dictionary<string, SettingsSchema> Properties { get; } = new Dictionary<string, SettingsSchema>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The schema of a keyed client's named sub-section (any name), or null when the section takes no other names.</summary>
    public SettingsSchema? Keyed { get; private set; }

    /// <summary>The schema of an array's items, or null.</summary>
    public SettingsSchema? Items { get; private set; }

    public bool IsSection => Properties.Count > 0 || Keyed != null || Types.Contains("object");

    /// <summary>The <c>AiPlatform</c> section of the settings of every package this analyzer was built with.</summary>
    public static SettingsSchema? AiPlatform =>
        Embedded.Value.Properties.TryGetValue("AiPlatform", out var section) ? section : null;

    /// <summary>Builds a schema from the given documents, merged (used by tests and by <see cref="AiPlatform"/>).</summary>
    public static SettingsSchema Merge(IEnumerable<string> documents)
    {
        var root = new SettingsSchema();
        foreach (var document in documents)
        {
            var node = JsonReader.TryParse(document);
            if (node != null && node.Kind == JsonKind.Object)
            {
                root.MergeFrom(node);
            }
        }

        return root;
    }

    private static SettingsSchema LoadEmbedded()
    {
        var assembly = typeof(SettingsSchema).GetTypeInfo().Assembly;
        var documents = new List<string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name);
            if (stream != null)
            {
                using var reader = new StreamReader(stream);
                documents.Add(reader.ReadToEnd());
            }
        }

        return Merge(documents);
    }

    private void MergeFrom(JsonNode node)
    {
        foreach (var property in node.Properties)
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "type" when value.Kind == JsonKind.String:
                    Types.Add(value.Text!);
                    break;
                case "type" when value.Kind == JsonKind.Array:
                    foreach (var item in value.Items.Where(i => i.Kind == JsonKind.String))
                    {
                        Types.Add(item.Text!);
                    }

                    break;
                case "enum" when value.Kind == JsonKind.Array:
                    Enum ??= new List<string>();
                    Enum.AddRange(value.Items.Where(i => i.Kind == JsonKind.String && !Enum.Contains(i.Text!)).Select(i => i.Text!));
                    break;
                case "format" when value.Kind == JsonKind.String:
                    Format ??= value.Text;
                    break;
                case "pattern" when value.Kind == JsonKind.String:
                    Pattern ??= value.Text;
                    break;
                case "properties" when value.Kind == JsonKind.Object:
                    foreach (var child in value.Properties.Where(p => p.Value.Kind == JsonKind.Object))
                    {
                        if (!Properties.TryGetValue(child.Name, out var schema))
                        {
                            Properties[child.Name] = schema = new SettingsSchema();
                        }

                        schema.MergeFrom(child.Value);
                    }

                    break;
                case "additionalProperties" when value.Kind == JsonKind.Object:
                    Keyed ??= new SettingsSchema();
                    Keyed.MergeFrom(value);
                    break;
                case "items" when value.Kind == JsonKind.Object:
                    Items ??= new SettingsSchema();
                    Items.MergeFrom(value);
                    break;
            }
        }
    }
}
