using System.Numerics.Tensors;
using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Serving.Onnx;
using Microsoft.Extensions.AI;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

[Collection(MiniLmCollection.Name)]
public sealed class OnnxEmbeddingGeneratorTests(MiniLmGeneratorFixture fixture)
{
    [Fact]
    public void Metadata_names_provider_model_and_dimensions()
    {
        var metadata = fixture.Generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal(OnnxEmbeddingGenerator.ProviderName, metadata.ProviderName);
        Assert.Equal(MiniLm.ModelId, metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
    }

    [Fact]
    public async Task Vectors_are_unit_length_and_in_input_order()
    {
        string[] texts = ["a much longer sentence about databases and indexes", "short", "a medium sized sentence"];

        var embeddings = await fixture.Generator.GenerateAsync(texts);
        var single = await fixture.Generator.GenerateAsync([texts[1]]);

        Assert.All(embeddings, e => Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 3));
        Assert.True(TensorPrimitives.CosineSimilarity(single[0].Vector.Span, embeddings[1].Vector.Span) >= 0.9999f);
        Assert.Equal(MiniLm.ModelId, embeddings[0].ModelId);
    }

    [Fact]
    public async Task Whitespace_text_embeds_like_empty_text()
    {
        var embeddings = await fixture.Generator.GenerateAsync(["", " \t\n "]);

        Assert.Equal(4, embeddings.Usage!.InputTokenCount);
        Assert.True(TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span) >= 0.9999f);
    }

    [Fact]
    public async Task Lone_surrogates_are_dropped()
    {
        var embeddings = await fixture.Generator.GenerateAsync(["ab\uD800cd", "abcd", "x\uDC00"]);

        Assert.True(TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span) >= 0.9999f);
        Assert.Equal(3, embeddings[2].AdditionalProperties![OnnxEmbeddingGenerator.TokenCountKey]);
    }

    [Fact]
    public async Task Over_length_text_is_truncated_and_reported_in_metadata()
    {
        var longText = string.Join(' ', Enumerable.Repeat("token", 400));

        var embeddings = await fixture.Generator.GenerateAsync([longText, "short"]);

        Assert.Equal(true, embeddings[0].AdditionalProperties![OnnxEmbeddingGenerator.TruncatedKey]);
        Assert.Equal(402, embeddings[0].AdditionalProperties![OnnxEmbeddingGenerator.TokenCountKey]);
        Assert.False(embeddings[1].AdditionalProperties!.ContainsKey(OnnxEmbeddingGenerator.TruncatedKey));
        Assert.Equal(1, embeddings.AdditionalProperties![OnnxEmbeddingGenerator.TruncatedKey]);
        Assert.Equal(256 + 3, embeddings.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Over_length_text_is_rejected_when_the_policy_says_so()
    {
        using var generator = OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings { ModelPath = fixture.ModelFolder, MaxTokens = 8, Truncation = EmbeddingTruncation.Reject });

        var ex = await Assert.ThrowsAsync<AiPlatformValidationException>(() => generator.GenerateAsync(["ok", "one two three four five six seven"]));

        Assert.Contains("index 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unnormalised_vectors_point_the_same_way_as_normalised_ones()
    {
        using var generator = OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings { ModelPath = fixture.ModelFolder, Normalize = false });

        var raw = (await generator.GenerateAsync(["the cat sat on the mat"]))[0].Vector;
        var unit = (await fixture.Generator.GenerateAsync(["the cat sat on the mat"]))[0].Vector;

        Assert.NotEqual(1f, TensorPrimitives.Norm(raw.Span), 2);
        Assert.True(TensorPrimitives.CosineSimilarity(raw.Span, unit.Span) >= 0.9999f);
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_vectors_as_one_caller()
    {
        var texts = Enumerable.Range(0, 24).Select(i => $"sentence number {i} about {(i % 2 == 0 ? "search" : "storage")} systems").ToArray();
        var expected = await fixture.Generator.GenerateAsync(texts);

        var results = await Task.WhenAll(texts.Select(t => Task.Run(() => fixture.Generator.GenerateAsync([t]))));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(expected[i].Vector.Span, results[i][0].Vector.Span) >= 0.9999f);
        }
    }

    [Fact]
    public async Task Cancellation_before_the_call_runs_no_batch()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Generator.GenerateAsync(["text"], cancellationToken: new CancellationToken(true)));
    }

    [Fact]
    public async Task Cancellation_during_the_call_stops_between_or_inside_batches()
    {
        using var generator = OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings { ModelPath = fixture.ModelFolder, BatchSize = 1 });
        var texts = Enumerable.Range(0, 5000).Select(i => $"text {i} " + new string('x', i % 50)).ToArray();
        using var cts = new CancellationTokenSource();

        var task = generator.GenerateAsync(texts, cancellationToken: cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task Requesting_other_dimensions_or_a_null_text_is_an_argument_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 128 }));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Generator.GenerateAsync(["a", null!]));
    }

    [Fact]
    public async Task Model_and_vocabulary_load_from_streams()
    {
        await using var model = File.OpenRead(Path.Combine(fixture.ModelFolder, EmbeddingModelFolder.ModelFileName));
        await using var vocab = File.OpenRead(Path.Combine(fixture.ModelFolder, EmbeddingModelFolder.VocabularyFileName));
        using var generator = OnnxEmbeddingGenerator.Create(model, vocab, new OnnxEmbeddingSettings { ModelId = "minilm-stream" });

        var vector = (await generator.GenerateAsync(["hello"]))[0];
        var expected = (await fixture.Generator.GenerateAsync(["hello"]))[0];

        Assert.Equal("minilm-stream", vector.ModelId);
        Assert.True(TensorPrimitives.CosineSimilarity(expected.Vector.Span, vector.Vector.Span) >= 0.9999f);
    }

    [Fact]
    public void Missing_vocabulary_fails_naming_the_model()
    {
        var folder = Directory.CreateTempSubdirectory("aiplatform-novocab-").FullName;
        try
        {
            File.Copy(Path.Combine(fixture.ModelFolder, EmbeddingModelFolder.ModelFileName), Path.Combine(folder, EmbeddingModelFolder.ModelFileName));

            var ex = Assert.Throws<OnnxModelException>(() => OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings { ModelPath = folder }));

            Assert.Equal(OnnxModelException.ModelNotFound, ex.ErrorCode);
            Assert.Contains("vocab.txt", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
