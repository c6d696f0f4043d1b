using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AiPlatform.Sdk.Testing.ConfigurationSchema;

/// <summary>
/// Writes a package's <c>ConfigurationSchema.json</c> (the .NET Aspire convention that gives <c>appsettings.json</c> completion and
/// validation in the editor) from its settings classes: every public settable property, its JSON type, enum names, and the summary
/// of its XML documentation. Sections are placed at their configuration path below <c>AiPlatform</c>; a keyed client's named
/// sub-sections are allowed as objects of the same shape.
/// </summary>
public static partial class ConfigurationSchemaGenerator
{
    /// <summary>Generates the schema of <paramref name="sections"/>.</summary>
    /// <param name="sections">Each settings section: its path below <c>AiPlatform</c> (empty for the root), its settings types (merged when several bind the same section), and whether keyed sub-sections exist.</param>
    /// <returns>The schema as indented JSON with a final newline.</returns>
    public static string Generate(IEnumerable<SettingsSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var root = new JsonObject();
        foreach (var section in sections)
        {
            var node = Descend(Descend(root, "AiPlatform"), section.Path.Split(':', StringSplitOptions.RemoveEmptyEntries));
            foreach (var type in section.Types)
            {
                Describe(type, node);
            }

            if (section.Keyed)
            {
                var properties = (JsonObject)node["properties"]!;
                node["additionalProperties"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "A keyed client's sub-section: the same keys, overriding the shared ones.",
                    ["properties"] = properties.DeepClone(),
                };
            }
        }

        return JsonSerializer.Serialize(new JsonObject { ["type"] = "object", ["properties"] = ((JsonObject)root["properties"]!).DeepClone() },
            new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Every configuration key (below <c>AiPlatform</c>) that a settings type binds, for coverage checks.</summary>
    /// <param name="type">The settings type.</param>
    /// <returns>The keys, nested ones joined with <c>:</c>.</returns>
    public static IEnumerable<string> Keys(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        foreach (var property in Bindable(type))
        {
            yield return property.Name;
            if (IsNestedSettings(property.PropertyType))
            {
                foreach (var nested in Keys(property.PropertyType))
                {
                    yield return $"{property.Name}:{nested}";
                }
            }
        }
    }

    private static JsonObject Descend(JsonObject node, params string[] names)
    {
        foreach (var name in names)
        {
            node["type"] = "object";
            var properties = node["properties"] as JsonObject ?? (JsonObject)(node["properties"] = new JsonObject());
            node = properties[name] as JsonObject ?? (JsonObject)(properties[name] = new JsonObject());
        }

        node["type"] = "object";
        return node;
    }

    private static void Describe(Type type, JsonObject node)
    {
        node["description"] ??= Summary(type, $"T:{type.FullName}");
        var properties = node["properties"] as JsonObject ?? (JsonObject)(node["properties"] = new JsonObject());
        foreach (var property in Bindable(type).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var schema = SchemaOf(property.PropertyType);
            if (Summary(property.DeclaringType!, $"P:{property.DeclaringType!.FullName}.{property.Name}") is { } description)
            {
                schema["description"] = description;
            }

            properties[property.Name] = schema;
        }
    }

    private static JsonObject SchemaOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return new JsonObject { ["enum"] = new JsonArray([.. Enum.GetNames(type).Select(n => (JsonNode)n)]) };
        }

        if (type == typeof(string) || type == typeof(Uri) || type == typeof(TimeSpan))
        {
            var text = new JsonObject { ["type"] = "string" };
            if (type == typeof(Uri))
            {
                text["format"] = "uri";
            }
            else if (type == typeof(TimeSpan))
            {
                text["pattern"] = "^-?(\\d{1,8}\\.)?\\d{1,2}:\\d{1,2}(:\\d{1,2}(\\.\\d{1,7})?)?$";
            }

            return text;
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
        {
            return new JsonObject { ["type"] = "integer" };
        }

        if (type == typeof(float) || type == typeof(double) || type == typeof(decimal))
        {
            return new JsonObject { ["type"] = "number" };
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var keyType, var valueType] && keyType == typeof(string) &&
            typeof(IDictionary).IsAssignableFrom(type))
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = SchemaOf(valueType) };
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            var item = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            return new JsonObject { ["type"] = "array", ["items"] = SchemaOf(item) };
        }

        var nested = new JsonObject();
        Describe(type, nested);
        nested["type"] = "object";
        return nested;
    }

    private static IEnumerable<PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null &&
                        (p.SetMethod?.IsPublic == true || (p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType))))
            .Where(p => !typeof(Delegate).IsAssignableFrom(p.PropertyType) && !p.PropertyType.IsInterface || typeof(IEnumerable).IsAssignableFrom(p.PropertyType));

    private static bool IsNestedSettings(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static string? Summary(Type type, string member)
    {
        var file = Path.ChangeExtension(type.Assembly.Location, ".xml");
        if (!File.Exists(file))
        {
            return null;
        }

        var summary = XDocument.Load(file).Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == member)?.Element("summary");
        if (summary is null)
        {
            return null;
        }

        var text = string.Concat(summary.Nodes().Select(n => n switch
        {
            XElement { Name.LocalName: "see" or "seealso" } e => ((string?)e.Attribute("cref"))?.Split('.', ':').Last() ?? (string?)e.Attribute("langword") ?? e.Value,
            XElement { Name.LocalName: "paramref" or "typeparamref" } e => (string?)e.Attribute("name") ?? string.Empty,
            XElement e => e.Value,
            _ => n.ToString(),
        }));
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}

/// <summary>One settings section of a package's configuration schema.</summary>
/// <param name="Path">The path below <c>AiPlatform</c>, such as <c>Data:ObjectStore</c>; empty for <c>AiPlatform</c> itself.</param>
/// <param name="Keyed">Whether keyed clients read named sub-sections of it.</param>
/// <param name="Types">The settings types bound from it.</param>
public sealed record SettingsSection(string Path, bool Keyed, params Type[] Types);
