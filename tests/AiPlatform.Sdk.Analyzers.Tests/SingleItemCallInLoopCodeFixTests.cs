using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class SingleItemCallInLoopCodeFixTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.VectorData;

        """;

    private static DiagnosticResult InLoop(int marker) =>
        AnalyzerTest<SingleItemCallInLoopAnalyzer>.Info(DiagnosticIds.SingleItemCallInLoop).WithLocation(marker)
            .WithArguments("UpsertAsync", "UpsertAsync(IEnumerable<Doc>)");

    [Fact]
    public Task A_loop_over_the_records_becomes_one_batch_call() =>
        CodeFixTest<SingleItemCallInLoopAnalyzer, SingleItemCallInLoopCodeFixProvider>.VerifyAsync(
            Usings + """
            class App
            {
                async Task Index(VectorStoreCollection<string, Doc> docs, List<Doc> batch)
                {
                    foreach (var doc in batch)
                    {
                        await {|#0:docs.UpsertAsync(doc)|};
                    }
                }
            }
            """ + SdkStubs.Source,
            Usings + """
            class App
            {
                async Task Index(VectorStoreCollection<string, Doc> docs, List<Doc> batch)
                {
                    await docs.UpsertAsync(batch);
                }
            }
            """ + SdkStubs.Source,
            InLoop(0));

    [Fact]
    public Task A_projection_of_the_loop_variable_becomes_a_select() =>
        CodeFixTest<SingleItemCallInLoopAnalyzer, SingleItemCallInLoopCodeFixProvider>.VerifyAsync(
            Usings + """
            class App
            {
                async Task Index(VectorStoreCollection<string, Doc> docs, string[] ids)
                {
                    foreach (var id in ids)
                        await {|#0:docs.UpsertAsync(new Doc { Id = id })|};
                }
            }
            """ + SdkStubs.Source,
            Usings + """
            using System.Linq;

            class App
            {
                async Task Index(VectorStoreCollection<string, Doc> docs, string[] ids)
                {
                    await docs.UpsertAsync(ids.Select(id => new Doc { Id = id }));
                }
            }
            """ + SdkStubs.Source,
            InLoop(0));

    [Fact]
    public Task A_loop_that_does_more_than_the_call_is_left_alone()
    {
        var source = Usings + """
            class App
            {
                async Task Index(VectorStoreCollection<string, Doc> docs, List<Doc> batch)
                {
                    foreach (var doc in batch)
                    {
                        doc.Id = doc.Id.Trim();
                        await {|#0:docs.UpsertAsync(doc)|};
                    }
                }
            }
            """ + SdkStubs.Source;

        return CodeFixTest<SingleItemCallInLoopAnalyzer, SingleItemCallInLoopCodeFixProvider>.VerifyAsync(source, source, InLoop(0));
    }
}
