using System.Text.Json;
using AiPlatform.Sdk.Data.Documents;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;

namespace AiPlatform.Sdk.Data.Tests.Documents;

/// <summary>
/// What the MongoDB provider sends, rendered to BSON and compared with the query forms of the MongoDB manual
/// (comparison and logical query operators, sort documents, <c>createIndexes</c> key patterns and options).
/// </summary>
[Trait("Kind", "Contract")]
public sealed class MongoQueryContractTests
{
    private static readonly DocumentCollection<Article> Articles = new("articles", TestJsonContext.Default.Article);

    [Fact]
    public void Equality_renders_as_an_eq_operator_on_the_json_field_name()
    {
        var query = Articles.Query().Where(f => f.Eq(a => a.Category, "ml"));

        Assert.Equal(Bson("""{ "category" : { "$eq" : "ml" } }"""), MongoDocumentQueries.Filter(query.Filter));
    }

    [Fact]
    public void And_or_and_ranges_render_as_logical_and_comparison_operators()
    {
        var query = Articles.Query().Where(f => f.And(f.Gt(a => a.Views, 10), f.Or(f.Lte(a => a.Views, 100), f.Ne(a => a.Title, "x"))));

        Assert.Equal(
            Bson("""{ "$and" : [{ "views" : { "$gt" : 10 } }, { "$or" : [{ "views" : { "$lte" : 100 } }, { "title" : { "$ne" : "x" } }] }] }"""),
            MongoDocumentQueries.Filter(query.Filter));
    }

    [Fact]
    public void In_renders_an_array_of_candidates()
    {
        var query = Articles.Query().Where(f => f.In(a => a.Category, "a", "b"));

        Assert.Equal(Bson("""{ "category" : { "$in" : ["a", "b"] } }"""), MongoDocumentQueries.Filter(query.Filter));
    }

    [Fact]
    public void Sort_renders_directions_with_the_id_as_tie_breaker()
    {
        var query = Articles.Query().OrderBy(a => a.Views, descending: true).OrderBy(a => a.Title);

        Assert.Equal(Bson("""{ "views" : -1, "title" : 1, "_id" : 1 }"""), MongoDocumentQueries.Sort(query.Sort));
    }

    [Fact]
    public void Optimistic_replace_matches_on_id_and_version()
    {
        Assert.Equal(Bson("""{ "_id" : "a1", "_v" : { "$numberLong" : "3" } }"""), MongoDocumentQueries.ById("a1", 3));
    }

    [Fact]
    public void Stored_document_carries_id_version_and_body_fields()
    {
        using var body = JsonDocument.Parse("""{"title":"T","views":5,"tags":["x"]}""");

        var document = MongoDocumentQueries.Document("a1", 2, body.RootElement);

        Assert.Equal(Bson("""{ "_id" : "a1", "_v" : { "$numberLong" : "2" }, "title" : "T", "views" : 5, "tags" : ["x"] }"""), document);
        Assert.Equal("""{"title":"T","views":5,"tags":["x"]}""", MongoDocumentQueries.FromBson(document).Body.GetRawText().Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Declared_indexes_render_key_patterns_and_options()
    {
        var collection = new DocumentCollection<Article>("articles", TestJsonContext.Default.Article).HasIndex(a => a.Title, unique: true);

        var model = MongoDocumentQueries.Index(collection.Indexes[0]);

        Assert.Equal(Bson("""{ "title" : 1 }"""), model.Keys.Render(new RenderArgs<BsonDocument>(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry)));
        Assert.True(model.Options.Unique);
        Assert.Equal("ix_articles_title", model.Options.Name);
    }

    private static BsonDocument Bson(string json) => BsonDocument.Parse(json);
}
