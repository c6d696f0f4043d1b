using System.Numerics.Tensors;
using System.Text.Json;
using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Serving.Onnx;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

[Collection(MiniLmCollection.Name)]
public sealed class ModelFolderTests(MiniLmGeneratorFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aiplatform-model-").FullName;

    [Fact]
    public async Task A_wordpiece_tokenizer_json_serves_when_vocab_txt_is_absent()
    {
        var vocabulary = await File.ReadAllLinesAsync(Path.Combine(fixture.ModelFolder, EmbeddingModelFolder.VocabularyFileName));
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["normalizer"] = new Dictionary<string, object> { ["type"] = "BertNormalizer", ["lowercase"] = true },
            ["model"] = new Dictionary<string, object> { ["type"] = "WordPiece", ["vocab"] = vocabulary.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i) },
        });
        await File.WriteAllTextAsync(Path.Combine(_folder, "tokenizer.json"), json);
        File.Copy(Path.Combine(fixture.ModelFolder, EmbeddingModelFolder.ModelFileName), Path.Combine(_folder, EmbeddingModelFolder.ModelFileName));
        using var generator = OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings { ModelPath = _folder });
        var cases = ReferenceCases.All.Take(10).ToArray();

        var embeddings = await generator.GenerateAsync(cases.Select(c => c.Text));

        for (var i = 0; i < cases.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(cases[i].Vector, embeddings[i].Vector.Span) >= 0.9999f);
        }
    }

    [Fact]
    public async Task A_tokenizer_json_of_another_model_type_is_refused_naming_the_file()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "tokenizer.json"), """{"model": {"type": "BPE", "vocab": {}}}""");
        File.Copy(Path.Combine(fixture.ModelFolder, EmbeddingModelFolder.ModelFileName), Path.Combine(_folder, EmbeddingModelFolder.ModelFileName));

        var ex = Assert.Throws<OnnxModelException>(() => OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings { ModelPath = _folder }));

        Assert.Equal(OnnxModelException.InvalidModel, ex.ErrorCode);
        Assert.Equal("tokenizer.json", ex.InputName);
    }

    [Fact]
    public async Task Model_files_are_written_once_from_streams()
    {
        var opened = 0;

        await EmbeddingModelFolder.EnsureAsync(_folder, () => { opened++; return new MemoryStream([1, 2, 3]); }, () => { opened++; return new MemoryStream("[PAD]\n"u8.ToArray()); });
        await EmbeddingModelFolder.EnsureAsync(_folder, () => { opened++; return new MemoryStream(); }, () => { opened++; return new MemoryStream(); });

        Assert.Equal(2, opened);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(_folder, EmbeddingModelFolder.ModelFileName)));
        Assert.Equal(["model.onnx", "vocab.txt"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
