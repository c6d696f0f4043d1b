using AiPlatform.Sdk.Training.Tracking;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>
/// One suite of tracking behaviour, run against every backend: the embedded store, and the MLflow REST client talking to the
/// platform's own MLflow API over real HTTP. Each test works in experiments of its own, so the suite's tests may share a backend.
/// </summary>
public abstract class ExperimentTrackerSuite
{
    protected abstract IExperimentTracker Tracker { get; }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_run_keeps_what_was_logged_and_ends_with_its_status()
    {
        var experimentId = await Tracker.CreateExperimentAsync(Unique("lifecycle"), new Dictionary<string, string> { ["team"] = "churn" });
        var run = await Tracker.CreateRunAsync(experimentId, "baseline", new Dictionary<string, string> { ["stage"] = "dev" });
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        await Tracker.LogBatchAsync(
            run.Info.RunId,
            [new Metric("loss", 0.9, t0, 0), new Metric("loss", 0.4, t0.AddSeconds(1), 1), new Metric("accuracy", 0.81, t0, 1)],
            new Dictionary<string, string> { ["learning_rate"] = "0.01" },
            new Dictionary<string, string> { ["framework"] = "ml.net" });
        var ended = await Tracker.UpdateRunAsync(run.Info.RunId, RunStatus.Finished);
        var read = await Tracker.GetRunAsync(run.Info.RunId);

        Assert.Equal(RunStatus.Running, run.Info.Status);
        Assert.Equal(RunStatus.Finished, ended.Status);
        Assert.NotNull(read.Info.EndTime);
        Assert.Equal("baseline", read.Info.RunName);
        Assert.Equal(experimentId, read.Info.ExperimentId);
        Assert.Equal(0.4, read.Metrics.Single(m => m.Key == "loss").Value);
        Assert.Equal(1, read.Metrics.Single(m => m.Key == "loss").Step);
        Assert.Equal("0.01", read.Params["learning_rate"]);
        Assert.Equal("ml.net", read.Tags["framework"]);
        Assert.Equal("dev", read.Tags["stage"]);
        Assert.Equal("churn", (await Tracker.GetExperimentAsync(experimentId)).Tags["team"]);
    }

    [Fact]
    public async Task Experiments_are_found_by_name_and_names_are_unique()
    {
        var name = Unique("named");
        var id = await Tracker.CreateExperimentAsync(name);

        var found = await Tracker.FindExperimentAsync(name);
        var taken = await Assert.ThrowsAsync<AiPlatformConflictException>(() => Tracker.CreateExperimentAsync(name));

        Assert.Equal(id, found?.Id);
        Assert.Null(await Tracker.FindExperimentAsync(Unique("missing")));
        Assert.Equal("RESOURCE_ALREADY_EXISTS", taken.ErrorCode);
        Assert.Contains(Tracker.SearchExperimentsAsync().ToBlockingEnumerable(), e => e.Id == id && e.Name == name);
    }

    [Fact]
    public async Task Unknown_runs_and_experiments_are_not_found()
    {
        var run = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Tracker.GetRunAsync("0123456789abcdef0123456789abcdef"));
        var experiment = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Tracker.GetExperimentAsync("987654321"));
        var log = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() =>
            Tracker.LogBatchAsync("0123456789abcdef0123456789abcdef", [new Metric("m", 1, DateTimeOffset.UtcNow)]));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", run.ErrorCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", experiment.ErrorCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", log.ErrorCode);
    }

    [Fact]
    public async Task A_batch_beyond_the_limits_is_stored_whole_and_in_order()
    {
        var run = await Tracker.CreateRunAsync(await Tracker.CreateExperimentAsync(Unique("big-batch")));
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var metrics = Enumerable.Range(0, 2500).Select(i => new Metric("loss", 1.0 / (i + 1), t0.AddMilliseconds(i), i)).ToList();
        var parameters = Enumerable.Range(0, 150).ToDictionary(i => $"p{i}", i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Tracker.LogBatchAsync(run.Info.RunId, metrics, parameters);
        var history = await Tracker.GetMetricHistoryAsync(run.Info.RunId, "loss");

        Assert.Equal(metrics.Select(m => m.Step), history.Select(m => m.Step));
        Assert.Equal(metrics.Select(m => m.Value), history.Select(m => m.Value));
        Assert.Equal(150, (await Tracker.GetRunAsync(run.Info.RunId)).Params.Count);
    }

    [Fact]
    public async Task NaN_and_infinities_round_trip()
    {
        var run = await Tracker.CreateRunAsync(await Tracker.CreateExperimentAsync(Unique("non-finite")));
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        await Tracker.LogBatchAsync(run.Info.RunId,
            [new Metric("nan", double.NaN, now), new Metric("up", double.PositiveInfinity, now), new Metric("down", double.NegativeInfinity, now)]);
        var read = await Tracker.GetRunAsync(run.Info.RunId);

        Assert.True(double.IsNaN(read.Metrics.Single(m => m.Key == "nan").Value));
        Assert.Equal(double.PositiveInfinity, read.Metrics.Single(m => m.Key == "up").Value);
        Assert.Equal(double.NegativeInfinity, read.Metrics.Single(m => m.Key == "down").Value);
    }

    [Fact]
    public async Task Runs_are_searched_with_mlflow_filters_and_ordered()
    {
        var experimentId = await Tracker.CreateExperimentAsync(Unique("search"));
        var now = DateTimeOffset.UtcNow;
        foreach (var (name, model, accuracy) in new[] { ("a", "cnn", 0.7), ("b", "cnn", 0.95), ("c", "tree", 0.99), ("d", "cnn", 0.3) })
        {
            var run = await Tracker.CreateRunAsync(experimentId, name);
            await Tracker.LogBatchAsync(run.Info.RunId, [new Metric("accuracy", accuracy, now)], new Dictionary<string, string> { ["model"] = model });
        }

        var query = new RunQuery
        {
            ExperimentIds = [experimentId],
            Filter = "metrics.accuracy > 0.5 and params.model = 'cnn'",
            OrderBy = ["metrics.accuracy DESC"],
            PageSize = 1,
        };
        var names = await Tracker.SearchRunsAsync(query).Select(r => r.Info.RunName).ToListAsync();
        var like = await Tracker.SearchRunsAsync(new RunQuery { ExperimentIds = [experimentId], Filter = "params.model LIKE 't%'" })
            .Select(r => r.Info.RunName).ToListAsync();

        Assert.Equal(["b", "a"], names);
        Assert.Equal(["c"], like);
    }

    [Theory]
    [InlineData("metrics.accuracy >> 1", ">> 1")]
    [InlineData("metrics.accuracy > 'high'", "metrics.accuracy")]
    [InlineData("params.model = 'cnn' or params.model = 'tree'", "or params.model")]
    [InlineData("attributes.colour = 'red'", "colour")]
    public async Task An_invalid_filter_is_refused_naming_the_token(string filter, string token)
    {
        var experimentId = await Tracker.CreateExperimentAsync(Unique("bad-filter"));

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(async () =>
            await Tracker.SearchRunsAsync(new RunQuery { ExperimentIds = [experimentId], Filter = filter }).ToListAsync());

        Assert.Equal("INVALID_PARAMETER_VALUE", error.ErrorCode);
        Assert.Contains(token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_param_cannot_change_once_logged()
    {
        var run = await Tracker.CreateRunAsync(await Tracker.CreateExperimentAsync(Unique("params")));
        await Tracker.LogBatchAsync(run.Info.RunId, parameters: new Dictionary<string, string> { ["lr"] = "0.1" });

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() =>
            Tracker.LogBatchAsync(run.Info.RunId, parameters: new Dictionary<string, string> { ["lr"] = "0.2" }));
        await Tracker.LogBatchAsync(run.Info.RunId, parameters: new Dictionary<string, string> { ["lr"] = "0.1" });

        Assert.Equal("INVALID_PARAMETER_VALUE", error.ErrorCode);
        Assert.Equal("0.1", (await Tracker.GetRunAsync(run.Info.RunId)).Params["lr"]);
    }

    [Fact]
    public async Task A_run_scope_sends_every_metric_and_finishes_the_run()
    {
        var experiment = Unique("scope");
        string runId;
        await using (var run = await Tracker.StartRunAsync(experiment, "scoped", TimeSpan.FromMilliseconds(20)))
        {
            runId = run.RunId;
            await run.LogParamAsync("epochs", "10");
            for (var epoch = 0; epoch < 10; epoch++)
            {
                run.LogMetric("loss", 1.0 / (epoch + 1), epoch);
            }
        }

        var read = await Tracker.GetRunAsync(runId);
        Assert.Equal(RunStatus.Finished, read.Info.Status);
        Assert.Equal(10, (await Tracker.GetMetricHistoryAsync(runId, "loss")).Count);
        Assert.Equal("10", read.Params["epochs"]);
        Assert.Equal(experiment, (await Tracker.GetExperimentAsync(read.Info.ExperimentId)).Name);
    }

    [Fact]
    public async Task Training_code_that_throws_leaves_a_failed_run_with_its_metrics()
    {
        var experiment = Unique("failing");
        string? runId = null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Tracker.TrackRunAsync(experiment, "diverged", (run, _) =>
        {
            runId = run.RunId;
            run.LogMetric("loss", double.PositiveInfinity, 3);
            throw new InvalidOperationException("loss diverged");
        }));

        var read = await Tracker.GetRunAsync(runId!);
        Assert.Equal(RunStatus.Failed, read.Info.Status);
        Assert.Equal(double.PositiveInfinity, read.Metrics.Single().Value);
    }

    [Fact]
    public async Task Concurrent_writers_to_one_run_lose_no_metric()
    {
        var run = await Tracker.CreateRunAsync(await Tracker.CreateExperimentAsync(Unique("concurrent")));
        var now = DateTimeOffset.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await Tracker.LogBatchAsync(run.Info.RunId, [new Metric("throughput", writer * 100 + i, now, writer * 100 + i)]);
            }
        })));
        var history = await Tracker.GetMetricHistoryAsync(run.Info.RunId, "throughput");

        Assert.Equal(80, history.Count);
        Assert.Equal(Enumerable.Range(0, 8).SelectMany(w => Enumerable.Range(0, 10).Select(i => (long)(w * 100 + i))).Order(), history.Select(m => m.Step).Order());
    }

    [Fact]
    public async Task Invalid_names_are_refused_before_anything_is_stored()
    {
        var run = await Tracker.CreateRunAsync(await Tracker.CreateExperimentAsync(Unique("names")));

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => Tracker.LogBatchAsync(
            run.Info.RunId, [new Metric("fine", 1, DateTimeOffset.UtcNow), new Metric("../escape", 1, DateTimeOffset.UtcNow)]));

        Assert.Contains("../escape", error.Message, StringComparison.Ordinal);
        Assert.Empty((await Tracker.GetRunAsync(run.Info.RunId)).Metrics);
    }
}
