using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class UndisposedRunScopeAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using AiPlatform.Sdk.Data.Uploads;
        using AiPlatform.Sdk.Training.Tracking;

        """;

    private static DiagnosticResult Undisposed(int marker, string type = "ActiveRun", string method = "StartRunAsync") =>
        AnalyzerTest<UndisposedRunScopeAnalyzer>.Diagnostic(DiagnosticIds.UndisposedRunScope).WithLocation(marker).WithArguments(type, method);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerTest<UndisposedRunScopeAnalyzer>.VerifyAsync(Usings + source + TrainingStubs.Source, expected);

    private static Task VerifyFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        CodeFixTest<UndisposedRunScopeAnalyzer, UndisposedRunScopeCodeFixProvider>.VerifyAsync(
            Usings + source + TrainingStubs.Source, Usings + fixedSource + TrainingStubs.Source, expected);

    [Fact]
    public Task A_run_kept_in_a_plain_local_is_declared_with_await_using() => VerifyFixAsync("""
        class App
        {
            async Task Train(IExperimentTracker tracker, double[] losses)
            {
                var run = await {|#0:tracker.StartRunAsync("churn", "baseline")|};
                for (var step = 0; step < losses.Length; step++)
                {
                    run.LogMetric("loss", losses[step], step);
                }
            }
        }
        """, """
        class App
        {
            async Task Train(IExperimentTracker tracker, double[] losses)
            {
                await using var run = await tracker.StartRunAsync("churn", "baseline");
                for (var step = 0; step < losses.Length; step++)
                {
                    run.LogMetric("loss", losses[step], step);
                }
            }
        }
        """, Undisposed(0));

    [Fact]
    public Task An_explicitly_typed_local_after_a_comment_keeps_its_comment_and_configure_await() => VerifyFixAsync("""
        class App
        {
            async Task<string> Train(IExperimentTracker tracker)
            {
                // One run per training job.
                ActiveRun run = await {|#0:tracker.StartRunAsync("churn")|}.ConfigureAwait(false);
                run.LogMetric("auc", 0.91);
                return run.RunId;
            }
        }
        """, """
        class App
        {
            async Task<string> Train(IExperimentTracker tracker)
            {
                // One run per training job.
                await using ActiveRun run = await tracker.StartRunAsync("churn").ConfigureAwait(false);
                run.LogMetric("auc", 0.91);
                return run.RunId;
            }
        }
        """, Undisposed(0));

    [Fact]
    public Task Every_undisposed_run_of_a_method_is_fixed() => VerifyFixAsync("""
        class App
        {
            async Task Compare(IExperimentTracker tracker)
            {
                var baseline = await {|#0:tracker.StartRunAsync("churn", "baseline")|};
                var tuned = await {|#1:tracker.StartRunAsync("churn", "tuned")|};
                baseline.LogMetric("auc", 0.88);
                tuned.LogMetric("auc", 0.91);
            }
        }
        """, """
        class App
        {
            async Task Compare(IExperimentTracker tracker)
            {
                await using var baseline = await tracker.StartRunAsync("churn", "baseline");
                await using var tuned = await tracker.StartRunAsync("churn", "tuned");
                baseline.LogMetric("auc", 0.88);
                tuned.LogMetric("auc", 0.91);
            }
        }
        """, Undisposed(0), Undisposed(1));

    [Fact]
    public Task A_discarded_run_is_reported_without_a_fix()
    {
        var source = """
            class App
            {
                async Task Start(IExperimentTracker tracker)
                {
                    await {|#0:tracker.StartRunAsync("churn")|};
                    _ = await {|#1:tracker.StartRunAsync("churn")|}.ConfigureAwait(false);
                    (await {|#2:tracker.StartRunAsync("churn")|}).LogMetric("loss", 1);
                }
            }
            """;

        return VerifyFixAsync(source, source, Undisposed(0), Undisposed(1), Undisposed(2));
    }

    [Fact]
    public Task A_scope_of_another_sdk_type_in_a_synchronous_method_is_reported_without_a_fix()
    {
        var source = """
            class App
            {
                void Upload(UploadClient client)
                {
                    var scope = {|#0:client.BeginScope()|};
                    GC.KeepAlive(scope.GetType());
                }
            }
            """;

        return VerifyFixAsync(source, source, Undisposed(0, "UploadScope", "BeginScope"));
    }

    [Fact]
    public Task A_local_assigned_later_and_never_disposed_is_reported() => VerifyAsync("""
        class App
        {
            async Task Train(IExperimentTracker tracker, bool tuned)
            {
                ActiveRun? run = null;
                if (tuned)
                {
                    run = await {|#0:tracker.StartRunAsync("churn", "tuned")|};
                }

                run?.LogMetric("auc", 0.9);
            }
        }
        """, Undisposed(0));

    [Fact]
    public Task Await_using_declarations_and_statements_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Train(IExperimentTracker tracker)
            {
                await using var run = await tracker.StartRunAsync("churn");
                run.LogMetric("loss", 0.5);
                await using (var second = await tracker.StartRunAsync("churn"))
                {
                    second.LogMetric("loss", 0.4);
                }

                await using (await tracker.StartRunAsync("churn").ConfigureAwait(false))
                {
                }
            }
        }
        """);

    [Fact]
    public Task Runs_disposed_by_hand_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Train(IExperimentTracker tracker)
            {
                var run = await tracker.StartRunAsync("churn");
                try
                {
                    run.LogMetric("loss", 0.5);
                }
                finally
                {
                    await run.DisposeAsync();
                }

                ActiveRun? other = null;
                other = await tracker.StartRunAsync("churn");
                await (other?.DisposeAsync() ?? default);
            }
        }
        """);

    [Fact]
    public Task Runs_handed_on_are_not_reported() => VerifyAsync("""
        class App
        {
            private ActiveRun? _current;

            async Task<ActiveRun> Start(IExperimentTracker tracker) => await tracker.StartRunAsync("churn");

            async Task<ActiveRun> StartNamed(IExperimentTracker tracker)
            {
                var run = await tracker.StartRunAsync("churn", "named");
                run.LogMetric("loss", 1);
                return run;
            }

            async Task Keep(IExperimentTracker tracker)
            {
                _current = await tracker.StartRunAsync("churn");
                var run = await tracker.StartRunAsync("churn");
                Register(run);
                Task<ActiveRun> pending = tracker.StartRunAsync("churn");
                Register(await pending);
            }

            void Register(ActiveRun run) { }
        }
        """);

    [Fact]
    public Task Other_disposables_and_foreign_runs_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Read(UploadClient client, Other.Runner runner)
            {
                var stream = await client.OpenAsync("k");
                var local = runner.Start();
                GC.KeepAlive(stream.GetType());
                GC.KeepAlive(local.GetType());
            }
        }
        """);
}
