using System.Net;
using System.Net.Http.Json;
using System.Numerics.Tensors;
using System.Text;
using System.Text.Json;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Embeddings;

public sealed class EmbeddingEndpointTests(EmbeddingHostFixture fixture) : IClassFixture<EmbeddingHostFixture>
{
    [Fact]
    public async Task Embeddings_endpoint_returns_normalised_384_dimension_vectors_in_input_order()
    {
        using var response = await fixture.Host.Client.PostAsJsonAsync("v1/embeddings", new { input = new[] { "hello world", "a second, longer sentence about vectors" }, model = "all-MiniLM-L6-v2" });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var data = body.RootElement.GetProperty("data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("list", body.RootElement.GetProperty("object").GetString());
        Assert.Equal(2, data.GetArrayLength());
        for (var i = 0; i < 2; i++)
        {
            var vector = Vector(data[i]);
            Assert.Equal(i, data[i].GetProperty("index").GetInt32());
            Assert.Equal(384, vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(vector), 3);
        }

        Assert.Equal("all-MiniLM-L6-v2", body.RootElement.GetProperty("model").GetString());
        Assert.True(body.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 4);
    }

    [Fact]
    public async Task A_single_string_input_and_base64_encoding_are_accepted()
    {
        using var response = await fixture.Host.Client.PostAsJsonAsync("v1/embeddings", new { input = "hello world", encoding_format = "base64" });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var bytes = body.RootElement.GetProperty("data")[0].GetProperty("embedding").GetBytesFromBase64();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(384 * sizeof(float), bytes.Length);
    }

    [Fact]
    public async Task Accented_and_plain_text_embed_alike_as_the_reference_tokenizer_strips_accents()
    {
        using var response = await fixture.Host.Client.PostAsJsonAsync("v1/embeddings", new { input = new[] { "Café crème brûlée à Zürich", "cafe creme brulee a zurich" } });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var data = body.RootElement.GetProperty("data");

        Assert.True(TensorPrimitives.CosineSimilarity(Vector(data[0]), Vector(data[1])) >= 0.9999f);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{}")]
    [InlineData("{\"input\": 5}")]
    [InlineData("{\"input\": []}")]
    [InlineData("{\"input\": [\"a\", 3]}")]
    [InlineData("{\"input\": \"a\", \"encoding_format\": \"hex\"}")]
    [InlineData("{\"input\": \"a\", \"dimensions\": 128}")]
    [InlineData("{\"input\": \"a\", \"model\": 7}")]
    public async Task Malformed_bodies_are_rejected_with_a_400_problem(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await fixture.Host.Client.PostAsync("v1/embeddings", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_problem()
    {
        using var response = await fixture.Host.Client.PostAsJsonAsync("v1/embeddings", new { input = "x", model = "text-embedding-3-large" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Concurrent_requests_are_answered_alike_whether_or_not_they_share_a_run()
    {
        var texts = Enumerable.Range(0, 24).Select(i => $"request {i} asks about {(i % 3 == 0 ? "storage" : "search")} latency").ToArray();
        var together = await EmbedAsync(fixture.Host, texts);

        var alone = await Task.WhenAll(texts.Select(t => EmbedAsync(fixture.Host, [t])));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(together[i], alone[i][0]) >= 0.9999f);
        }
    }

    [Fact]
    public async Task Configuration_alone_serves_the_int8_rewrite_of_the_model()
    {
        await using var int8Host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true",
            ["AiPlatform:Serving:Embeddings:WeightQuantization"] = "DynamicInt8",
        });
        string[] texts = ["hello world", "the index is rebuilt from the write-ahead log after a crash"];

        var floats = await EmbedAsync(fixture.Host, texts);
        var int8 = await EmbedAsync(int8Host, texts);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(int8[i]), 3);
            Assert.NotEqual(floats[i], int8[i]);
            Assert.True(TensorPrimitives.CosineSimilarity(floats[i], int8[i]) >= 0.99f);
        }
    }

    [Fact]
    public async Task Anonymous_callers_are_denied_without_the_development_switch()
    {
        await using var host = await ReferenceHostProcess.StartAsync();

        using var response = await host.Client.PostAsJsonAsync("v1/embeddings", new { input = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<float[][]> EmbedAsync(ReferenceHostProcess host, string[] texts)
    {
        using var response = await host.Client.PostAsJsonAsync("v1/embeddings", new { input = texts });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("data").EnumerateArray().Select(Vector)];
    }

    private static float[] Vector(JsonElement item) => [.. item.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle())];
}
