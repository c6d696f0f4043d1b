using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class SingleMetricBatchInLoopAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using AiPlatform.Sdk.Training.Tracking;

        """;

    private static DiagnosticResult OnePerIteration(int marker) =>
        AnalyzerTest<SingleMetricBatchInLoopAnalyzer>.Info(DiagnosticIds.SingleMetricBatchInLoop).WithLocation(marker).WithArguments("LogBatchAsync");

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerTest<SingleMetricBatchInLoopAnalyzer>.VerifyAsync(Usings + source + TrainingStubs.Source, expected);

    [Fact]
    public Task A_collection_expression_of_one_metric_per_iteration_is_reported() => VerifyAsync("""
        class App
        {
            async Task Train(IExperimentTracker tracker, string runId, double[] losses)
            {
                var step = 0;
                foreach (var loss in losses)
                {
                    await {|#0:tracker.LogBatchAsync(runId, [new Metric("loss", loss, DateTimeOffset.UtcNow, step++)])|};
                }
            }
        }
        """, OnePerIteration(0));

    [Fact]
    public Task Arrays_of_one_metric_per_iteration_are_reported() => VerifyAsync("""
        class App
        {
            async Task Train(IExperimentTracker tracker, string runId, double[] losses)
            {
                for (var step = 0; step < losses.Length; step++)
                {
                    var metric = new Metric("loss", losses[step], DateTimeOffset.UtcNow, step);
                    await {|#0:tracker.LogBatchAsync(runId, new[] { metric })|};
                    await {|#2:tracker.LogBatchAsync(runId, (new[] { metric }))|};
                }

                var i = 0;
                do
                {
                    await {|#1:tracker.LogBatchAsync(runId, new Metric[] { new Metric("acc", losses[i], DateTimeOffset.UtcNow, i) })|};
                }
                while (++i < losses.Length);
            }
        }
        """, OnePerIteration(0), OnePerIteration(2), OnePerIteration(1));

    [Fact]
    public Task A_list_of_one_metric_by_name_on_an_implementation_is_reported() => VerifyAsync("""
        class App
        {
            async Task Train(MlflowTracker tracker, string runId, IAsyncEnumerable<double> losses)
            {
                await foreach (var loss in losses)
                {
                    await {|#0:tracker.LogBatchAsync(runId, metrics: new List<Metric> { new("loss", loss, DateTimeOffset.UtcNow) }, cancellationToken: default)|};
                }

                while (true)
                {
                    await {|#1:tracker.LogBatchAsync(runId, new List<Metric>() { new("loss", 0, DateTimeOffset.UtcNow) })|};
                    break;
                }
            }
        }
        """, OnePerIteration(0), OnePerIteration(1));

    [Fact]
    public Task One_batch_after_the_loop_or_one_metric_outside_a_loop_is_not_reported() => VerifyAsync("""
        class App
        {
            async Task Train(IExperimentTracker tracker, string runId, double[] losses)
            {
                var metrics = new List<Metric>();
                for (var step = 0; step < losses.Length; step++)
                {
                    metrics.Add(new Metric("loss", losses[step], DateTimeOffset.UtcNow, step));
                }

                await tracker.LogBatchAsync(runId, metrics);
                await tracker.LogBatchAsync(runId, [new Metric("final", 1, DateTimeOffset.UtcNow)]);
            }
        }
        """);

    [Fact]
    public Task Batches_of_unknown_or_several_metrics_and_params_only_calls_in_a_loop_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Train(IExperimentTracker tracker, string runId, List<Metric>[] epochs, double[] losses)
            {
                foreach (var epoch in epochs)
                {
                    await tracker.LogBatchAsync(runId, epoch);
                    await tracker.LogBatchAsync(runId, [new Metric("loss", 1, DateTimeOffset.UtcNow), new Metric("acc", 0.5, DateTimeOffset.UtcNow)]);
                    await tracker.LogBatchAsync(runId, [.. epoch]);
                    await tracker.LogBatchAsync(runId, parameters: new Dictionary<string, string> { ["lr"] = "0.1" });
                    await tracker.LogBatchAsync(runId, null, tags: new Dictionary<string, string> { ["epoch"] = "1" });
                }
            }
        }
        """);

    [Fact]
    public Task Other_types_lambdas_and_run_scopes_in_a_loop_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Train(IExperimentTracker tracker, Other.Runner runner, ActiveRun run, string runId, double[] losses)
            {
                foreach (var loss in losses)
                {
                    await runner.LogBatchAsync(runId, [new Metric("loss", loss, DateTimeOffset.UtcNow)]);
                    Func<Task> later = () => tracker.LogBatchAsync(runId, [new Metric("loss", loss, DateTimeOffset.UtcNow)]);
                    run.LogMetric("loss", loss);
                    await later();
                }
            }
        }
        """);
}
