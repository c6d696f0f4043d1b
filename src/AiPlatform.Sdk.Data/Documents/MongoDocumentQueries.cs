using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Driver;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>
/// Renders documents, filters, sorts and indexes in MongoDB's query language. A stored document is the body's fields plus
/// <c>_id</c> (the id) and <c>_v</c> (the version).
/// </summary>
internal static class MongoDocumentQueries
{
    public const string VersionField = "_v";

    public static BsonDocument Filter(DocumentFilter? filter) => filter switch
    {
        null => [],
        AndFilter and => new BsonDocument("$and", new BsonArray(and.Filters.Select(Filter))),
        OrFilter or => new BsonDocument("$or", new BsonArray(or.Filters.Select(Filter))),
        FieldFilter field => new BsonDocument(string.Join('.', field.Path), new BsonDocument(Operator(field.Operator),
            field.Operator == FilterOperator.In ? new BsonArray(field.Values.Select(Value)) : Value(field.Values[0]))),
        _ => throw new NotSupportedException($"Unknown filter {filter.GetType().Name}."),
    };

    public static BsonDocument Sort(IReadOnlyList<DocumentSort> sort)
    {
        var document = new BsonDocument();
        foreach (var key in sort)
        {
            document[string.Join('.', key.Path)] = key.Descending ? -1 : 1;
        }

        document["_id"] = 1;
        return document;
    }

    public static BsonDocument ById(string id, long? version = null)
    {
        var filter = new BsonDocument("_id", id);
        if (version is { } v)
        {
            filter[VersionField] = v;
        }

        return filter;
    }

    public static BsonDocument Document(string id, long version, JsonElement body)
    {
        var document = new BsonDocument { { "_id", id }, { VersionField, version } };
        document.AddRange(BsonDocument.Parse(body.GetRawText()).Elements.Where(e => e.Name is not ("_id" or VersionField)));
        return document;
    }

    public static StoredDocument FromBson(BsonDocument document)
    {
        var body = new BsonDocument(document.Elements.Where(e => e.Name is not ("_id" or VersionField)));
        using var json = JsonDocument.Parse(body.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.RelaxedExtendedJson }));
        return new StoredDocument(document["_id"].AsString, document[VersionField].ToInt64(), json.RootElement.Clone());
    }

    public static CreateIndexModel<BsonDocument> Index(DocumentIndex index)
    {
        var keys = new BsonDocument();
        foreach (var path in index.Fields)
        {
            keys[string.Join('.', path)] = 1;
        }

        return new CreateIndexModel<BsonDocument>(keys, new CreateIndexOptions { Name = index.Name, Unique = index.Unique });
    }

    private static string Operator(FilterOperator op) => op switch
    {
        FilterOperator.Eq => "$eq",
        FilterOperator.Ne => "$ne",
        FilterOperator.Gt => "$gt",
        FilterOperator.Gte => "$gte",
        FilterOperator.Lt => "$lt",
        FilterOperator.Lte => "$lte",
        _ => "$in",
    };

    private static BsonValue Value(JsonElement value) => BsonDocument.Parse($"{{\"v\":{value.GetRawText()}}}")["v"];
}
