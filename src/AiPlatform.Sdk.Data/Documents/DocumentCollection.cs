using System.Linq.Expressions;
using System.Text.Json.Serialization.Metadata;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>A typed document collection: its name, the document's source-generated JSON contract, and its indexes.</summary>
/// <typeparam name="T">The document type.</typeparam>
public sealed class DocumentCollection<T>
    where T : class
{
    private readonly List<DocumentIndex> _indexes = [];

    /// <summary>Describes a collection.</summary>
    /// <param name="name">The collection name: 1 to 63 ASCII letters, digits, '_' or '-'.</param>
    /// <param name="jsonTypeInfo">The document's JSON contract from a <c>JsonSerializerContext</c>.</param>
    public DocumentCollection(string name, JsonTypeInfo<T> jsonTypeInfo)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 63 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"The collection name '{name}' must be 1 to 63 ASCII letters, digits, '_' or '-'.", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        Name = name;
        JsonTypeInfo = jsonTypeInfo;
    }

    /// <summary>The collection name.</summary>
    public string Name { get; }

    /// <summary>The document's JSON contract.</summary>
    public JsonTypeInfo<T> JsonTypeInfo { get; }

    /// <summary>The declared indexes.</summary>
    public IReadOnlyList<DocumentIndex> Indexes => _indexes;

    /// <summary>Declares an index on one property.</summary>
    /// <typeparam name="TValue">The property type.</typeparam>
    /// <param name="property">The property.</param>
    /// <param name="unique">Whether values must be unique.</param>
    /// <returns>This collection.</returns>
    public DocumentCollection<T> HasIndex<TValue>(Expression<Func<T, TValue>> property, bool unique = false)
    {
        var path = DocumentPaths.Of(JsonTypeInfo, property);
        _indexes.Add(new DocumentIndex($"ix_{Name}_{string.Join('_', path)}".ToLowerInvariant(), [path], unique));
        return this;
    }

    /// <summary>Starts a query over this collection.</summary>
    /// <returns>An empty query: every document, by id.</returns>
    public DocumentQuery<T> Query() => new(JsonTypeInfo);
}
