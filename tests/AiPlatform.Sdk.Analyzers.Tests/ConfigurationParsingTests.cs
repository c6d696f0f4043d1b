using AiPlatform.Sdk.Analyzers.Configuration;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class ConfigurationParsingTests
{
    [Fact]
    public void Reader_accepts_comments_and_trailing_commas_and_keeps_spans()
    {
        const string text = "// head\n{ \"a\": [1, 2,], /* b */ \"b\": { \"c\": \"x\\u0041\", }, }";

        var root = JsonReader.TryParse(text)!;

        Assert.Equal(JsonKind.Object, root.Kind);
        Assert.Equal(2, root.Properties[0].Value.Items.Count);
        var c = root.Properties[1].Value.Properties[0];
        Assert.Equal("xA", c.Value.Text);
        Assert.Equal("\"c\"", text.Substring(c.NameSpan.Start, c.NameSpan.Length));
    }

    [Theory]
    [InlineData("{ \"a\": }")]
    [InlineData("{ \"a\": 1 ")]
    [InlineData("{ \"a\": tru }")]
    [InlineData("{} {}")]
    public void Reader_returns_null_for_invalid_json(string text) => Assert.Null(JsonReader.TryParse(text));

    [Theory]
    [InlineData("Embedings", "Embeddings")]
    [InlineData("Endpont", "Endpoint")]
    [InlineData("ednpoint", "Endpoint")]
    [InlineData("Telemetry", null)]
    public void Suggester_finds_the_closest_name(string name, string? expected) =>
        Assert.Equal(expected, NameSuggester.Suggest(name, ["Embeddings", "Endpoint", "Inference", "TorchServe"]));

    [Theory]
    [InlineData("DataPath")]
    [InlineData("Resilience:TotalTimeout")]
    [InlineData("Vector:Metric")]
    [InlineData("Vector:Weaviate:Endpoint")]
    [InlineData("Serving:Onnx:ExecutionProvider")]
    [InlineData("Serving:Embeddings:ModelPath")]
    [InlineData("Serving:Embeddings:Endpoint")]
    [InlineData("Data:ObjectStore:SecretKey")]
    [InlineData("Identity:Vault:Token")]
    [InlineData("Server:Authentication:AllowAnonymous")]
    public void Embedded_schema_merges_the_settings_of_every_package(string path)
    {
        var node = SettingsSchema.AiPlatform;
        foreach (var name in path.Split(':'))
        {
            Assert.NotNull(node);
            Assert.True(node!.Properties.TryGetValue(name, out node), path);
        }
    }

    [Fact]
    public void Embedded_schema_knows_keyed_sections()
    {
        var schema = SettingsSchema.AiPlatform!;

        Assert.NotNull(schema.Properties["Data"].Properties["ObjectStore"].Keyed);
        Assert.Null(schema.Properties["Resilience"].Keyed);
    }
}
