namespace Microsoft.Extensions.AI;

// Stand-ins for Microsoft.Extensions.AI's embedding generator.
public interface IEmbeddingGenerator<TInput, TEmbedding>
{
    Task<IList<TEmbedding>> GenerateAsync(IEnumerable<TInput> values, CancellationToken cancellationToken = default);
}

public static class EmbeddingGeneratorExtensions
{
    public static async Task<float[]> GenerateVectorAsync(
        this IEmbeddingGenerator<string, float[]> generator, string value, CancellationToken cancellationToken = default) =>
        (await generator.GenerateAsync([value], cancellationToken).ConfigureAwait(false))[0];
}
