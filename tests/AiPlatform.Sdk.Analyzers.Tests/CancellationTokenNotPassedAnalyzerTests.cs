using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class CancellationTokenNotPassedAnalyzerTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using AiPlatform.Sdk.Data.ObjectStore;

        """;

    private static DiagnosticResult NotPassed(int marker, string method, string token) =>
        AnalyzerTest<CancellationTokenNotPassedAnalyzer>.Info(DiagnosticIds.CancellationTokenNotPassed).WithLocation(marker).WithArguments(method, token);

    private static Task VerifyFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        CodeFixTest<CancellationTokenNotPassedAnalyzer, CancellationTokenCodeFixProvider>.VerifyAsync(
            Usings + source + SdkStubs.Source, Usings + fixedSource + SdkStubs.Source, expected);

    private static Task VerifyNoneAsync(string source) =>
        AnalyzerTest<CancellationTokenNotPassedAnalyzer>.VerifyAsync(Usings + source + SdkStubs.Source);

    [Fact]
    public Task An_omitted_optional_token_is_passed_by_position()
    {
        var source = """
            class App
            {
                async Task Clean(IObjectStore store, CancellationToken cancellationToken)
                {
                    await {|#0:store.DeleteAsync("b", "k")|};
                }
            }
            """;
        var fixedSource = """
            class App
            {
                async Task Clean(IObjectStore store, CancellationToken cancellationToken)
                {
                    await store.DeleteAsync("b", "k", cancellationToken);
                }
            }
            """;

        return VerifyFixAsync(source, fixedSource, NotPassed(0, "DeleteAsync", "cancellationToken"));
    }

    [Fact]
    public Task A_token_after_an_omitted_optional_argument_is_passed_by_name()
    {
        var source = """
            class App
            {
                async Task Upload(IObjectStore store, System.IO.Stream content, CancellationToken ct)
                {
                    await {|#0:store.PutAsync("b", "k", content)|};
                }
            }
            """;
        var fixedSource = """
            class App
            {
                async Task Upload(IObjectStore store, System.IO.Stream content, CancellationToken ct)
                {
                    await store.PutAsync("b", "k", content, cancellationToken: ct);
                }
            }
            """;

        return VerifyFixAsync(source, fixedSource, NotPassed(0, "PutAsync", "ct"));
    }

    [Fact]
    public Task An_overload_that_takes_a_token_is_used_from_a_lambda_inside_the_method()
    {
        var source = """
            class App
            {
                System.Func<Task<string>> List(AiPlatform.Sdk.Serving.ModelClient client, CancellationToken stopping) =>
                    () => {|#0:client.ListModelsAsync()|};
            }
            """;
        var fixedSource = """
            class App
            {
                System.Func<Task<string>> List(AiPlatform.Sdk.Serving.ModelClient client, CancellationToken stopping) =>
                    () => client.ListModelsAsync(stopping);
            }
            """;

        return VerifyFixAsync(source, fixedSource, NotPassed(0, "ListModelsAsync", "stopping"));
    }

    [Fact]
    public Task A_passed_token_is_not_reported() => VerifyNoneAsync("""
        class App
        {
            async Task Clean(IObjectStore store, CancellationToken cancellationToken)
            {
                await store.DeleteAsync("b", "k", cancellationToken);
                await store.BucketExistsAsync(cancellationToken: cancellationToken, bucket: "b");
            }
        }
        """);

    [Fact]
    public Task An_explicit_none_or_default_is_a_decision_and_not_reported() => VerifyNoneAsync("""
        class App
        {
            async Task Clean(IObjectStore store, CancellationToken cancellationToken)
            {
                await store.DeleteAsync("b", "k", CancellationToken.None);
                await store.DeleteAsync("b", "k", default);
            }
        }
        """);

    [Fact]
    public Task Without_a_token_in_scope_nothing_is_reported() => VerifyNoneAsync("""
        class App
        {
            async Task Clean(IObjectStore store)
            {
                await store.DeleteAsync("b", "k");
            }
        }
        """);

    [Fact]
    public Task Methods_outside_the_sdk_and_static_lambdas_are_not_reported() => VerifyNoneAsync("""
        class App
        {
            async Task<int> Run(Other.Foreign foreign, IObjectStore store, CancellationToken cancellationToken)
            {
                System.Func<IObjectStore, Task> clean = static s => s.DeleteAsync("b", "k");
                await clean(store);
                return await foreign.GetAsync();
            }
        }
        """);
}
