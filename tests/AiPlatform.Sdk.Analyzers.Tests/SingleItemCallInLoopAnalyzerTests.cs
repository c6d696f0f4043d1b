using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class SingleItemCallInLoopAnalyzerTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using AiPlatform.Sdk.Data.ObjectStore;
        using AiPlatform.Sdk.Vector.Indexing;
        using Microsoft.Extensions.VectorData;

        """;

    private static DiagnosticResult InLoop(int marker, string method, string batch) =>
        AnalyzerTest<SingleItemCallInLoopAnalyzer>.Info(DiagnosticIds.SingleItemCallInLoop).WithLocation(marker).WithArguments(method, batch);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerTest<SingleItemCallInLoopAnalyzer>.VerifyAsync(Usings + source + SdkStubs.Source, expected);

    [Fact]
    public Task Vector_store_upsert_per_record_is_reported() => VerifyAsync("""
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
        """, InLoop(0, "UpsertAsync", "UpsertAsync(IEnumerable<Doc>)"));

    [Fact]
    public Task Object_delete_per_key_is_reported_with_the_many_sibling() => VerifyAsync("""
        class App
        {
            async Task Clean(IObjectStore store, string[] keys)
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    await {|#0:store.DeleteAsync("b", keys[i])|};
                }
            }
        }
        """, InLoop(0, "DeleteAsync", "DeleteManyAsync"));

    [Fact]
    public Task Vector_index_upsert_per_vector_is_reported_with_the_batch_sibling() => VerifyAsync("""
        class App
        {
            void Load(VectorIndex index, float[][] vectors)
            {
                var i = 0;
                while (i < vectors.Length)
                {
                    {|#0:index.Upsert(i, vectors[i])|};
                    i++;
                }
            }
        }
        """, InLoop(0, "Upsert", "UpsertBatch"));

    [Fact]
    public Task Batch_calls_and_single_calls_outside_loops_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Index(VectorStoreCollection<string, Doc> docs, List<Doc> batch, IObjectStore store, string[] keys)
            {
                await docs.UpsertAsync(batch[0]);
                foreach (var chunk in new[] { batch })
                {
                    await docs.UpsertAsync(chunk);
                    await store.DeleteManyAsync("b", keys);
                }
            }
        }
        """);

    [Fact]
    public Task Calls_without_a_batch_form_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Read(VectorStoreCollection<string, Doc> docs, IObjectStore store, string[] keys)
            {
                foreach (var key in keys)
                {
                    await store.StatAsync("b", key);
                    await foreach (var hit in docs.SearchAsync(key, 3)) { }
                }
            }
        }
        """);

    [Fact]
    public Task Calls_in_a_lambda_or_in_the_loops_collection_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Index(VectorStoreCollection<string, Doc> docs, List<Doc> batch)
            {
                foreach (var task in new[] { docs.UpsertAsync(batch[0]) })
                {
                    System.Func<Doc, Task> one = d => docs.UpsertAsync(d);
                    await task;
                }
            }
        }
        """);
}
