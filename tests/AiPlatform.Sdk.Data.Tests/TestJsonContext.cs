using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Data.Tests;

public sealed record OrderPlaced(string OrderId, decimal Amount);

public sealed record Article(string Title, string Category, int Views, string[] Tags);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(Article))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
