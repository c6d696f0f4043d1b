using System.Numerics.Tensors;
using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

[Collection(MiniLmCollection.Name)]
public sealed class ReferenceParityTests(MiniLmGeneratorFixture fixture)
{
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Token_ids_equal_the_hugging_face_reference(int index)
    {
        var reference = ReferenceCases.All[index];
        await using var vocab = File.OpenRead(Path.Combine(fixture.ModelFolder, EmbeddingModelFolder.VocabularyFileName));
        var tokenizer = BertTextTokenizer.Create(vocab, lowerCase: true);

        var encoded = tokenizer.Encode(reference.Text, ReferenceCases.MaxTokens);

        Assert.Equal(reference.Ids, encoded.Ids);
    }

    [Fact]
    public async Task Vectors_of_one_batched_call_match_the_reference_pipeline()
    {
        var cases = ReferenceCases.All;

        var embeddings = await fixture.Generator.GenerateAsync(cases.Select(c => c.Text));

        Assert.Equal(cases.Count, embeddings.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(cases[i].Vector, embeddings[i].Vector.Span);
            Assert.True(cosine >= 0.9999f, $"Case {i} ({cases[i].Text[..Math.Min(30, cases[i].Text.Length)]}): cosine {cosine}.");
        }
    }

    [Fact]
    public async Task Vectors_embedded_one_at_a_time_match_the_reference_pipeline()
    {
        using var generator = OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings { ModelPath = fixture.ModelFolder, BatchSize = 1 });

        foreach (var reference in ReferenceCases.All.Take(8))
        {
            var embedding = (await generator.GenerateAsync([reference.Text]))[0];

            Assert.True(TensorPrimitives.CosineSimilarity(reference.Vector, embedding.Vector.Span) >= 0.9999f);
        }
    }

    public static TheoryData<int> Cases() => ReferenceCases.Indexes();
}
