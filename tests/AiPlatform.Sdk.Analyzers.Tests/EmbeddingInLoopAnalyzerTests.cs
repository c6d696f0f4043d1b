using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class EmbeddingInLoopAnalyzerTests
{
    private const string Generator = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        namespace Microsoft.Extensions.AI
        {
            public interface IEmbeddingGenerator<TInput, TEmbedding>
            {
                Task<IList<TEmbedding>> GenerateAsync(IEnumerable<TInput> values);
            }
            public static class EmbeddingGeneratorExtensions
            {
                public static Task<float[]> GenerateVectorAsync(this IEmbeddingGenerator<string, float[]> generator, string value) => Task.FromResult(new float[0]);
            }
        }
        """;

    private static DiagnosticResult Info() => new DiagnosticResult(DiagnosticIds.EmbeddingInLoop, DiagnosticSeverity.Info);

    [Fact]
    public Task One_embedding_per_loop_iteration_is_reported()
    {
        var source = Generator + """
            class App
            {
                async Task Run(Microsoft.Extensions.AI.IEmbeddingGenerator<string, float[]> generator, string[] texts)
                {
                    foreach (var text in texts)
                    {
                        await {|#0:Microsoft.Extensions.AI.EmbeddingGeneratorExtensions.GenerateVectorAsync(generator, text)|};
                    }
                }
            }
            """;

        return AnalyzerTest<EmbeddingInLoopAnalyzer>.VerifyAsync(source, Info().WithLocation(0).WithArguments("GenerateVectorAsync"));
    }

    [Fact]
    public Task A_batch_call_or_a_single_call_outside_loops_is_not_reported()
    {
        var source = Generator + """
            class App
            {
                async Task Run(Microsoft.Extensions.AI.IEmbeddingGenerator<string, float[]> generator, string[] texts)
                {
                    await generator.GenerateAsync(texts);
                    await Microsoft.Extensions.AI.EmbeddingGeneratorExtensions.GenerateVectorAsync(generator, texts[0]);
                    for (var i = 0; i < 2; i++)
                    {
                        await generator.GenerateAsync(texts);
                    }
                }
            }
            """;

        return AnalyzerTest<EmbeddingInLoopAnalyzer>.VerifyAsync(source);
    }

    [Fact]
    public Task One_embedding_per_iteration_of_for_while_and_do_loops_is_reported()
    {
        var source = Generator + """
            class App
            {
                async Task Run(Microsoft.Extensions.AI.IEmbeddingGenerator<string, float[]> generator, string[] texts)
                {
                    for (var i = 0; i < texts.Length; i++)
                    {
                        await {|#0:Microsoft.Extensions.AI.EmbeddingGeneratorExtensions.GenerateVectorAsync(generator, texts[i])|};
                    }

                    var j = 0;
                    while (j < texts.Length)
                    {
                        await {|#1:Microsoft.Extensions.AI.EmbeddingGeneratorExtensions.GenerateVectorAsync(generator, texts[j++])|};
                    }

                    do
                    {
                        await {|#2:Microsoft.Extensions.AI.EmbeddingGeneratorExtensions.GenerateVectorAsync(generator, texts[0])|};
                    }
                    while (false);
                }
            }
            """;

        return AnalyzerTest<EmbeddingInLoopAnalyzer>.VerifyAsync(
            source,
            Info().WithLocation(0).WithArguments("GenerateVectorAsync"),
            Info().WithLocation(1).WithArguments("GenerateVectorAsync"),
            Info().WithLocation(2).WithArguments("GenerateVectorAsync"));
    }
}
