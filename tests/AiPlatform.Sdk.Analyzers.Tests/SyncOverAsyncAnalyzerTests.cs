using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class SyncOverAsyncAnalyzerTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using AiPlatform.Sdk.Data.ObjectStore;

        """;

    private static DiagnosticResult Blocking(int marker, string how, string method) =>
        AnalyzerTest<SyncOverAsyncAnalyzer>.Diagnostic(DiagnosticIds.SyncOverAsync).WithLocation(marker).WithArguments(how, method);

    private static Task VerifyFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        CodeFixTest<SyncOverAsyncAnalyzer, SyncOverAsyncCodeFixProvider>.VerifyAsync(
            Usings + source + SdkStubs.Source, Usings + fixedSource + SdkStubs.Source, expected);

    [Fact]
    public Task Result_in_an_async_method_is_awaited()
    {
        var source = """
            class App
            {
                async Task<long> Size(IObjectStore store)
                {
                    await Task.Yield();
                    return {|#0:store.StatAsync("b", "k").Result|}.Length;
                }
            }
            """;
        var fixedSource = """
            class App
            {
                async Task<long> Size(IObjectStore store)
                {
                    await Task.Yield();
                    return (await store.StatAsync("b", "k")).Length;
                }
            }
            """;

        return VerifyFixAsync(source, fixedSource, Blocking(0, ".Result", "StatAsync"));
    }

    [Fact]
    public Task Wait_in_a_void_method_makes_the_method_async()
    {
        var source = """
            class App
            {
                public void Clean(IObjectStore store)
                {
                    {|#0:store.DeleteAsync("b", "k").Wait()|};
                }
            }
            """;
        var fixedSource = """
            class App
            {
                public async Task Clean(IObjectStore store)
                {
                    await store.DeleteAsync("b", "k");
                }
            }
            """;

        return VerifyFixAsync(source, fixedSource, Blocking(0, ".Wait()", "DeleteAsync"));
    }

    [Fact]
    public Task GetAwaiter_GetResult_on_a_value_task_makes_the_method_return_a_task_of_its_type()
    {
        var source = """
            class App
            {
                int Count(IObjectStore store)
                {
                    var count = {|#0:store.CountAsync("b").GetAwaiter().GetResult()|};
                    return count;
                }
            }
            """;
        var fixedSource = """
            class App
            {
                async Task<int> Count(IObjectStore store)
                {
                    var count = await store.CountAsync("b");
                    return count;
                }
            }
            """;

        return VerifyFixAsync(source, fixedSource, Blocking(0, ".GetAwaiter().GetResult()", "CountAsync"));
    }

    [Fact]
    public Task ConfigureAwait_before_GetResult_is_reported_and_kept_by_the_fix()
    {
        var source = """
            class App
            {
                async Task<bool> Exists(IObjectStore store)
                {
                    await Task.Yield();
                    return {|#0:store.BucketExistsAsync("b").ConfigureAwait(false).GetAwaiter().GetResult()|};
                }
            }
            """;
        var fixedSource = """
            class App
            {
                async Task<bool> Exists(IObjectStore store)
                {
                    await Task.Yield();
                    return await store.BucketExistsAsync("b").ConfigureAwait(false);
                }
            }
            """;

        return VerifyFixAsync(source, fixedSource, Blocking(0, ".GetAwaiter().GetResult()", "BucketExistsAsync"));
    }

    [Fact]
    public Task Blocking_in_an_interface_implementation_is_reported_without_a_fix()
    {
        var source = """
            interface ISizer { long Size(IObjectStore store); }
            class App : ISizer
            {
                public long Size(IObjectStore store) => {|#0:store.StatAsync("b", "k").Result|}.Length;
            }
            """;

        return VerifyFixAsync(source, source, Blocking(0, ".Result", "StatAsync"));
    }

    [Fact]
    public Task Wait_with_a_timeout_is_reported_without_a_fix()
    {
        var source = """
            class App
            {
                bool Clean(IObjectStore store) => {|#0:store.DeleteAsync("b", "k").Wait(1000)|};
            }
            """;

        return VerifyFixAsync(source, source, Blocking(0, ".Wait()", "DeleteAsync"));
    }

    [Fact]
    public Task Awaited_sdk_calls_are_not_reported()
    {
        var source = Usings + """
            class App
            {
                async Task<long> Size(IObjectStore store)
                {
                    var info = await store.StatAsync("b", "k");
                    await store.DeleteAsync("b", "k").ConfigureAwait(false);
                    return info.Length;
                }
            }
            """ + SdkStubs.Source;

        return AnalyzerTest<SyncOverAsyncAnalyzer>.VerifyAsync(source);
    }

    [Fact]
    public Task Blocking_on_tasks_that_are_not_the_sdks_is_not_reported()
    {
        var source = Usings + """
            class App
            {
                int Run(Other.Foreign foreign)
                {
                    Task.Delay(1).Wait();
                    var one = Task.FromResult(1).Result;
                    return one + foreign.GetAsync().GetAwaiter().GetResult();
                }
            }
            """ + SdkStubs.Source;

        return AnalyzerTest<SyncOverAsyncAnalyzer>.VerifyAsync(source);
    }

    [Fact]
    public Task A_property_named_Result_on_an_sdk_type_is_not_reported()
    {
        var source = Usings + """
            class App
            {
                string Read(AiPlatform.Sdk.Serving.ModelClient client) => client.Result;
            }
            """ + SdkStubs.Source;

        return AnalyzerTest<SyncOverAsyncAnalyzer>.VerifyAsync(source);
    }
}
