using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class UndisposedObjectContentAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using AiPlatform.Sdk.Data.ObjectStore;

        """;

    private static DiagnosticResult Undisposed(int marker) =>
        AnalyzerTest<UndisposedRunScopeAnalyzer>.Diagnostic(DiagnosticIds.UndisposedObjectContent).WithLocation(marker).WithArguments("ObjectContent", "GetAsync");

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerTest<UndisposedRunScopeAnalyzer>.VerifyAsync(Usings + source + SdkStubs.Source, expected);

    private static Task VerifyFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        CodeFixTest<UndisposedRunScopeAnalyzer, UndisposedRunScopeCodeFixProvider>.VerifyAsync(
            Usings + source + SdkStubs.Source, Usings + fixedSource + SdkStubs.Source, expected);

    [Fact]
    public Task A_download_kept_in_a_plain_local_is_declared_with_await_using() => VerifyFixAsync("""
        class App
        {
            async Task<long> Copy(IObjectStore store, Stream target)
            {
                var content = await {|#0:store.GetAsync("datasets", "train.csv")|};
                await content.Content.CopyToAsync(target);
                return target.Length;
            }
        }
        """, """
        class App
        {
            async Task<long> Copy(IObjectStore store, Stream target)
            {
                await using var content = await store.GetAsync("datasets", "train.csv");
                await content.Content.CopyToAsync(target);
                return target.Length;
            }
        }
        """, Undisposed(0));

    [Fact]
    public Task A_download_read_through_without_keeping_it_is_reported() => VerifyAsync("""
        class App
        {
            async Task Copy(IObjectStore store, Stream target) =>
                await (await {|#0:store.GetAsync("datasets", "train.csv")|}).Content.CopyToAsync(target);
        }
        """, Undisposed(0));

    [Fact]
    public Task A_download_whose_result_is_thrown_away_is_reported() => VerifyAsync("""
        class App
        {
            async Task Touch(IObjectStore store)
            {
                _ = await {|#0:store.GetAsync("datasets", "train.csv")|}.ConfigureAwait(false);
            }
        }
        """, Undisposed(0));

    [Fact]
    public Task Downloads_declared_with_using_or_disposed_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Copy(IObjectStore store, Stream target)
            {
                await using var first = await store.GetAsync("datasets", "a.csv");
                await first.Content.CopyToAsync(target);
                using var second = await store.GetAsync("datasets", "b.csv");
                await second.Content.CopyToAsync(target);
                var third = await store.GetAsync("datasets", "c.csv");
                try
                {
                    await third.Content.CopyToAsync(target);
                }
                finally
                {
                    await third.DisposeAsync();
                }
            }
        }
        """);

    [Fact]
    public Task A_download_handed_on_is_the_receivers_to_dispose() => VerifyAsync("""
        class App
        {
            async Task<ObjectContent> Open(IObjectStore store) => await store.GetAsync("datasets", "a.csv");

            async Task Pass(IObjectStore store)
            {
                var content = await store.GetAsync("datasets", "b.csv");
                Keep(content);
            }

            void Keep(ObjectContent content) { }
        }
        """);

    [Fact]
    public Task Other_calls_of_the_store_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Look(IObjectStore store)
            {
                var info = await store.StatAsync("datasets", "a.csv");
                var exists = await store.BucketExistsAsync("datasets");
                GC.KeepAlive(info);
                GC.KeepAlive(exists);
            }
        }
        """);
}
