using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace AiPlatform.Sdk.Analyzers.Configuration;

/// <summary>The kinds of JSON value the tolerant reader produces.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>One JSON value with the span it occupies in its file, so that diagnostics can point at it.</summary>
internal sealed class JsonNode
{
    private JsonNode(JsonKind kind, TextSpan span, string? text, IReadOnlyList<JsonProperty>? properties, IReadOnlyList<JsonNode>? items)
    {
        Kind = kind;
        Span = span;
        Text = text;
        Properties = properties ?? System.Array.Empty<JsonProperty>();
        Items = items ?? System.Array.Empty<JsonNode>();
    }

    public JsonKind Kind { get; }

    /// <summary>The span of the whole value, quotes and brackets included.</summary>
    public TextSpan Span { get; }

    /// <summary>The unescaped value of a string, the source text of a number or literal; null for objects and arrays.</summary>
    public string? Text { get; }

    /// <summary>The members of an object, in source order (duplicates kept).</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>The items of an array.</summary>
    public IReadOnlyList<JsonNode> Items { get; }

    public bool IsScalar => Kind != JsonKind.Object && Kind != JsonKind.Array;

    public static JsonNode Scalar(JsonKind kind, TextSpan span, string text) => new JsonNode(kind, span, text, null, null);

    public static JsonNode Object(TextSpan span, IReadOnlyList<JsonProperty> properties) => new JsonNode(JsonKind.Object, span, null, properties, null);

    public static JsonNode Array(TextSpan span, IReadOnlyList<JsonNode> items) => new JsonNode(JsonKind.Array, span, null, null, items);
}

/// <summary>One member of a JSON object: its name, where the name is written, and its value.</summary>
internal sealed class JsonProperty
{
    public JsonProperty(string name, TextSpan nameSpan, JsonNode value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }

    /// <summary>The span of the quoted name.</summary>
    public TextSpan NameSpan { get; }

    public JsonNode Value { get; }
}
