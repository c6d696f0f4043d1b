using System.Globalization;
using AiPlatform.Sdk.Training.Sweeps;
using AiPlatform.Sdk.Training.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests.Sweeps;

/// <summary>
/// Sweeps of a real tiny training program (the sample's trainer: gradient descent on generated data, reporting its loss per epoch)
/// on the local jobs backend, tracked through the platform's MLflow API: grid and random search, successive halving, the parent and
/// child runs, the best trial. The learning rates all lie where a larger one lowers the loss at every epoch, so the ranking of the
/// trials is known without running them.
/// </summary>
public sealed class HyperparameterSweepTests(ServerTrackerTests.MlflowServer mlflow) : IClassFixture<ServerTrackerTests.MlflowServer>
{
    // Best, worst, second best, second worst, ...: ranks 1, 12, 2, 11, ... in the order trials start.
    private static readonly double[] LearningRates = [0.3, 0.01, 0.27, 0.02, 0.24, 0.04, 0.21, 0.06, 0.18, 0.08, 0.15, 0.1];

    [Fact]
    public async Task A_grid_with_successive_halving_stops_the_bad_half_and_finds_the_best_rate()
    {
        await using var app = App();
        var sweep = Sweep(ParameterDomain.Grid([.. LearningRates.Cast<object>()])) with
        {
            Trial = TinyTrainerProcess.Trial(epochs: 8),
            EarlyStopping = new SuccessiveHalving(GracePeriod: 4, ReductionFactor: 2, MaxSteps: 8),
        };

        var result = await app.GetRequiredService<IHyperparameterSweeps>().RunAsync(sweep);

        // At the one rung (epoch 4; the next would be 8, the end) each trial meets the median of itself and the trials before it: ranks 7 to 12 fall below it.
        Assert.Equal(12, result.Trials.Count);
        Assert.Equal(["0.01", "0.02", "0.04", "0.06", "0.08", "0.1"], Rates(result, TrialState.EarlyStopped).Order(StringComparer.Ordinal));
        Assert.Equal(["0.15", "0.18", "0.21", "0.24", "0.27", "0.3"], Rates(result, TrialState.Succeeded).Order(StringComparer.Ordinal));
        var jobs = app.GetRequiredService<AiPlatform.Sdk.Training.Jobs.ITrainingJobs>();
        foreach (var stopped in result.Trials.Where(t => t.State == TrialState.EarlyStopped))
        {
            // Stopped through the backend before it ended on its own (it may have reported a later step while its decision waited).
            Assert.Equal(AiPlatform.Sdk.Training.Jobs.JobState.Stopped, (await jobs.GetAsync(stopped.JobId)).State);
        }

        Assert.Equal("0.3", result.Best!.Parameters["lr"]);
        Assert.Equal(result.Trials.Where(t => t.State == TrialState.Succeeded).Min(t => t.Metric), result.Best.Metric);
    }

    [Fact]
    public async Task The_tracker_shows_the_sweep_run_and_one_child_run_per_trial()
    {
        await using var app = App();
        var result = await app.GetRequiredService<IHyperparameterSweeps>().RunAsync(Sweep(ParameterDomain.Grid(0.05, 0.2, 0.1)));
        var tracker = app.GetRequiredService<IExperimentTracker>();

        var parent = await tracker.GetRunAsync(result.RunId);
        Assert.Equal(RunStatus.Finished, parent.Info.Status);
        Assert.Equal("0.2", parent.Params["best.lr"]);
        Assert.Equal(result.Best!.RunId, parent.Tags["aiplatform.best_run_id"]);
        foreach (var trial in result.Trials)
        {
            var child = await tracker.GetRunAsync(trial.RunId);
            Assert.Equal(result.RunId, child.Tags["mlflow.parentRunId"]);
            Assert.Equal(trial.Parameters["lr"], child.Params["lr"]);
            Assert.Equal(RunStatus.Finished, child.Info.Status);
            var history = await tracker.GetMetricHistoryAsync(trial.RunId, "loss");
            Assert.Equal([1L, 2L, 3L], history.Select(m => m.Step));
            Assert.True(history[0].Value > history[2].Value);
        }
    }

    [Fact]
    public async Task A_seeded_random_search_draws_the_same_trials_and_ranks_them_by_the_metric()
    {
        await using var app = App();
        var sweep = Sweep(ParameterDomain.LogUniform(0.01, 0.3)) with { Strategy = SearchStrategy.Random, Seed = 42, MaxTrials = 12 };

        var first = await app.GetRequiredService<IHyperparameterSweeps>().RunAsync(sweep);
        var again = await app.GetRequiredService<IHyperparameterSweeps>().RunAsync(sweep with { MaxTrials = 3 });

        var rates = first.Trials.Select(t => double.Parse(t.Parameters["lr"], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(12, rates.Distinct().Count());
        Assert.All(rates, r => Assert.InRange(r, 0.01, 0.3));
        Assert.Equal(first.Trials.Take(3).Select(t => t.Parameters["lr"]), again.Trials.Select(t => t.Parameters["lr"]));
        Assert.Equal(rates.Max().ToString("R", CultureInfo.InvariantCulture), first.Best!.Parameters["lr"]);
        Assert.All(first.Trials, t => Assert.Equal(TrialState.Succeeded, t.State));
    }

    [Fact]
    public async Task Cancelling_a_sweep_stops_its_trials_and_ends_every_run_killed()
    {
        await using var app = App();
        using var cancel = new CancellationTokenSource();
        var sweep = Sweep(ParameterDomain.Grid(0.1, 0.2, 0.3, 0.4)) with { Trial = TinyTrainerProcess.Trial(epochs: 600) };

        var run = app.GetRequiredService<IHyperparameterSweeps>().RunAsync(sweep, cancellationToken: cancel.Token);
        var jobs = app.GetRequiredService<AiPlatform.Sdk.Training.Jobs.ITrainingJobs>();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            // Cancel once the trials run (their jobs started), however slowly the machine gets there.
            while (!await jobs.ListAsync(deadline.Token).AnyAsync(j => j.State == AiPlatform.Sdk.Training.Jobs.JobState.Running, deadline.Token))
            {
                await Task.Delay(100, deadline.Token);
            }
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var tracker = app.GetRequiredService<IExperimentTracker>();
        var experiment = (await tracker.FindExperimentAsync(sweep.Experiment))!;
        var runs = await tracker.SearchRunsAsync(new RunQuery { ExperimentIds = [experiment.Id] }).ToListAsync();
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Equal(RunStatus.Killed, r.Info.Status));
    }

    [Fact]
    public async Task Spaces_that_do_not_suit_the_strategy_are_refused_before_any_trial()
    {
        await using var app = App();
        var sweeps = app.GetRequiredService<IHyperparameterSweeps>();

        Assert.Contains("'lr'", (await Assert.ThrowsAsync<ArgumentException>(() => sweeps.RunAsync(Sweep(ParameterDomain.Uniform(0.01, 0.3))))).Message);
        Assert.Contains("MaxTrials", (await Assert.ThrowsAsync<ArgumentException>(() => sweeps.RunAsync(Sweep(ParameterDomain.Uniform(0.01, 0.3)) with { Strategy = SearchStrategy.Random }))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterDomain.LogUniform(0, 1));
    }

    [Fact]
    public async Task The_sample_sweeps_twelve_trials_prints_the_best_rate_and_its_runs_are_on_the_MLflow_server()
    {
        var (exitCode, output) = await TinyTrainerProcess.RunSampleAsync(new Dictionary<string, string>
        {
            ["AiPlatform__Training__Tracking__Endpoint"] = mlflow.BaseAddress.AbsoluteUri,
            ["AiPlatform__DataPath"] = Directory.CreateTempSubdirectory("aip-sweep-sample-").FullName,
        });

        Assert.True(exitCode == 0, output);
        Assert.Contains("6 of 12 trials stopped early", output);
        Assert.Contains("best lr=0.3 ", output);
        var experiment = await mlflow.Client.FindExperimentAsync("tiny-trainer");
        var runs = await mlflow.Client.SearchRunsAsync(new RunQuery { ExperimentIds = [experiment!.Id] }).ToListAsync();
        Assert.Equal(13, runs.Count);
    }

    private ServiceProvider App()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:DataPath"] = Directory.CreateTempSubdirectory("aip-sweeps-").FullName,
            ["AiPlatform:Training:Tracking:Endpoint"] = mlflow.BaseAddress.AbsoluteUri,
            ["AiPlatform:Training:Jobs:Local:MaxConcurrency"] = "2",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddTrainingJobs();
        return services.BuildServiceProvider();
    }

    private static SweepDefinition Sweep(ParameterDomain rates) => new()
    {
        Experiment = $"sweep-{Guid.NewGuid():N}",
        Trial = TinyTrainerProcess.Trial(epochs: 3),
        Space = new Dictionary<string, ParameterDomain> { ["lr"] = rates },
        Metric = "loss",
        MaxConcurrency = 2,
    };

    private static IEnumerable<string> Rates(SweepResult result, TrialState state) =>
        result.Trials.Where(t => t.State == state).Select(t => t.Parameters["lr"]);
}
