using System.Globalization;
using AiPlatform.Sdk.Training.Jobs;
using AiPlatform.Sdk.Training.Tracking;

namespace AiPlatform.Sdk.Training.Sweeps;

/// <summary><see cref="IHyperparameterSweeps"/> over any <see cref="ITrainingJobs"/> backend and <see cref="IExperimentTracker"/>.</summary>
internal sealed class HyperparameterSweeps(ITrainingJobs jobs, IExperimentTracker tracker, TimeProvider time) : IHyperparameterSweeps
{
    /// <summary>The MLflow tag that makes a run the child of another (MLflow's nested runs).</summary>
    internal const string ParentRunTag = "mlflow.parentRunId";

    public async Task<SweepResult> RunAsync(SweepDefinition sweep, IProgress<TrialResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentException.ThrowIfNullOrWhiteSpace(sweep.Metric);
        if (sweep.MaxConcurrency < 1)
        {
            throw new ArgumentException("MaxConcurrency must be at least 1.", nameof(sweep));
        }

        var plan = TrialPlan.Create(sweep);
        var board = sweep.EarlyStopping is { } rule ? new RungBoard(rule, sweep.Goal) : null;
        var experimentId = (await tracker.FindExperimentAsync(sweep.Experiment, cancellationToken).ConfigureAwait(false))?.Id
            ?? await tracker.CreateExperimentAsync(sweep.Experiment, cancellationToken: cancellationToken).ConfigureAwait(false);
        var parent = await tracker.CreateRunAsync(experimentId, sweep.Name ?? $"sweep-{time.GetUtcNow():yyyyMMdd-HHmmss}", cancellationToken: cancellationToken).ConfigureAwait(false);
        var parentId = parent.Info.RunId;

        // One token for every trial: the caller's cancellation, or the first trial that fails for a reason other than its job.
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(sweep.MaxConcurrency);
        var running = new List<Task<TrialResult>>();
        try
        {
            for (var number = 0; number < plan.Count; number++)
            {
                await slots.WaitAsync(abort.Token).ConfigureAwait(false);
                var trial = new Trial(number, plan[number], board?.Add());
                running.Add(RunTrialAsync(sweep, experimentId, parentId, trial, board, slots, progress, abort));
            }

            var results = await Task.WhenAll(running).ConfigureAwait(false);
            var best = Best(results.Where(r => r.State == TrialState.Succeeded), sweep.Goal);
            await tracker.LogBatchAsync(
                parentId,
                best?.Metric is { } value ? [new Metric($"best_{sweep.Metric}", value, time.GetUtcNow())] : null,
                best?.Parameters.ToDictionary(p => $"best.{p.Key}", p => p.Value),
                best is null ? null : new Dictionary<string, string> { ["aiplatform.best_trial"] = best.Number.ToString(CultureInfo.InvariantCulture), ["aiplatform.best_run_id"] = best.RunId },
                cancellationToken).ConfigureAwait(false);
            await tracker.UpdateRunAsync(parentId, RunStatus.Finished, cancellationToken).ConfigureAwait(false);
            return new SweepResult(parentId, results, best);
        }
        catch (Exception)
        {
            // Every trial stops its job and ends its run; wait for them so that nothing is left RUNNING.
            await abort.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))).ConfigureAwait(false);
            await tracker.UpdateRunAsync(parentId, cancellationToken.IsCancellationRequested ? RunStatus.Killed : RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<TrialResult> RunTrialAsync(
        SweepDefinition sweep, string experimentId, string parentId, Trial trial, RungBoard? board, SemaphoreSlim slots, IProgress<TrialResult>? progress, CancellationTokenSource abort)
    {
        var cancellationToken = abort.Token;
        string? jobId = null;
        string? runId = null;
        try
        {
            var run = await tracker.CreateRunAsync(experimentId, $"trial-{trial.Number}", new Dictionary<string, string> { [ParentRunTag] = parentId }, cancellationToken).ConfigureAwait(false);
            runId = run.Info.RunId;
            await tracker.LogBatchAsync(runId, parameters: trial.Parameters, cancellationToken: cancellationToken).ConfigureAwait(false);
            var job = await jobs.SubmitAsync(Submission(sweep.Trial, trial, runId, parentId), cancellationToken).ConfigureAwait(false);
            jobId = job.Id;

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (sweep.TrialTimeout is { } limit)
            {
                timeout.CancelAfter(limit);
            }

            var (metric, step, stopped, timedOut) = await FollowAsync(sweep, trial, runId, jobId, board, timeout.Token, cancellationToken).ConfigureAwait(false);
            var ended = await jobs.WaitAsync(jobId, Timeout.InfiniteTimeSpan, TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            var state = stopped ? TrialState.EarlyStopped : ended.State == JobState.Succeeded && !timedOut ? TrialState.Succeeded : TrialState.Failed;
            await tracker.UpdateRunAsync(runId, state switch
            {
                TrialState.Succeeded => RunStatus.Finished,
                TrialState.EarlyStopped => RunStatus.Killed,
                _ => RunStatus.Failed,
            }, cancellationToken).ConfigureAwait(false);
            var result = new TrialResult(trial.Number, trial.Parameters, runId, jobId, state, metric, step);
            progress?.Report(result);
            return result;
        }
        catch (Exception e)
        {
            if (e is not OperationCanceledException)
            {
                await abort.CancelAsync().ConfigureAwait(false);
            }

            if (jobId is not null)
            {
                await jobs.StopAsync(jobId, CancellationToken.None).ConfigureAwait(false);
            }

            if (runId is not null)
            {
                await tracker.UpdateRunAsync(runId, e is OperationCanceledException ? RunStatus.Killed : RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            if (trial.Rung is { } rung)
            {
                board!.End(rung);
            }

            slots.Release();
        }
    }

    /// <summary>Follows a trial's output: logs its reports to its run and, at each rung it reaches, stops it if it falls behind.</summary>
    private async Task<(double? Metric, long? Step, bool Stopped, bool TimedOut)> FollowAsync(
        SweepDefinition sweep, Trial trial, string runId, string jobId, RungBoard? board, CancellationToken timeout, CancellationToken cancellationToken)
    {
        double? metric = null;
        long? step = null;
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var decisions = new List<Task>();
        try
        {
            await foreach (var line in jobs.ReadLogsAsync(jobId, follow: true, timeout).ConfigureAwait(false))
            {
                if (TrialReport.Parse(line) is not { } report)
                {
                    continue;
                }

                step = report.Step;
                var at = time.GetUtcNow();
                await tracker.LogBatchAsync(runId, [.. report.Metrics.Select(m => new Metric(m.Key, m.Value, at, report.Step))], cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!report.Metrics.TryGetValue(sweep.Metric, out var value))
                {
                    continue;
                }

                metric = value;
                if (board is not null && !stop.Task.IsCompleted)
                {
                    foreach (var rung in board.Record(trial.Rung!.Value, report.Step, value))
                    {
                        decisions.Add(DecideAsync(board, trial.Rung.Value, rung, jobId, stop, cancellationToken));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await jobs.StopAsync(jobId, CancellationToken.None).ConfigureAwait(false);
            return (metric, step, false, true);
        }

        await Task.WhenAll(decisions).ConfigureAwait(false);
        return (metric, step, stop.Task.IsCompleted, false);
    }

    private async Task DecideAsync(RungBoard board, int trial, int rung, string jobId, TaskCompletionSource stop, CancellationToken cancellationToken)
    {
        if (!stop.Task.IsCompleted && await board.ShouldStopAsync(trial, rung, cancellationToken).ConfigureAwait(false))
        {
            // A trial that ended on its own before the decision keeps its end.
            var job = await jobs.StopAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (job.State is JobState.Stopping or JobState.Stopped)
            {
                stop.TrySetResult();
            }
        }
    }

    private static JobSubmission Submission(JobSubmission template, Trial trial, string runId, string parentId)
    {
        var environment = new Dictionary<string, string>(template.Environment)
        {
            ["AIPLATFORM_TRIAL"] = trial.Number.ToString(CultureInfo.InvariantCulture),
            ["AIPLATFORM_RUN_ID"] = runId,
            ["AIPLATFORM_PARENT_RUN_ID"] = parentId,
        };
        foreach (var (name, value) in trial.Parameters)
        {
            environment["AIPLATFORM_PARAM_" + string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'))] = value;
        }

        return template with
        {
            Arguments = [.. template.Arguments, .. trial.Parameters.Select(p => $"--{p.Key}={p.Value}")],
            Environment = environment,
            SubmissionId = null,
        };
    }

    private static TrialResult? Best(IEnumerable<TrialResult> trials, MetricGoal goal)
    {
        var ranked = trials.Where(t => t.Metric is { } m && !double.IsNaN(m));
        return goal == MetricGoal.Minimize ? ranked.MinBy(t => t.Metric) : ranked.MaxBy(t => t.Metric);
    }

    private sealed record Trial(int Number, IReadOnlyDictionary<string, string> Parameters, int? Rung);
}
