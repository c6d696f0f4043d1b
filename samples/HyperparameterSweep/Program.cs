using AiPlatform.Sdk;
using AiPlatform.Sdk.Training.Jobs;
using AiPlatform.Sdk.Training.Sweeps;
using HyperparameterSweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

if (args is ["train", .. var trainArguments])
{
    return TinyTrainer.Run(trainArguments);
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddAiPlatformCore(builder.Configuration).AddTrainingJobs();
using var host = builder.Build();

// Each trial runs this same program in "train" mode, as a job on the configured backend (local processes by default).
var self = Environment.ProcessPath!;
string[] trainer = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(TinyTrainer).Assembly.Location, "train"] : ["train"];
var sweep = new SweepDefinition
{
    Experiment = "tiny-trainer",
    Name = "learning-rate-sweep",
    Trial = new JobSubmission { Entrypoint = self, Arguments = [.. trainer, "--epochs=8"] },
    Space = new Dictionary<string, ParameterDomain>
    {
        ["lr"] = ParameterDomain.Grid(0.3, 0.01, 0.27, 0.02, 0.24, 0.04, 0.21, 0.06, 0.18, 0.08, 0.15, 0.1),
    },
    Metric = "loss",
    Goal = MetricGoal.Minimize,
    MaxConcurrency = 2,
    EarlyStopping = new SuccessiveHalving(GracePeriod: 4, ReductionFactor: 2, MaxSteps: 8),
};

var result = await host.Services.GetRequiredService<IHyperparameterSweeps>().RunAsync(
    sweep, new Progress<TrialResult>(t => Console.WriteLine($"trial {t.Number} lr={t.Parameters["lr"]}: {t.State}, loss {t.Metric:G4} at step {t.Step}")));

Console.WriteLine($"sweep run {result.RunId}: {result.Trials.Count(t => t.State == TrialState.EarlyStopped)} of {result.Trials.Count} trials stopped early");
Console.WriteLine(result.Best is { } best ? $"best lr={best.Parameters["lr"]} loss={best.Metric:G4} run {best.RunId}" : "no trial succeeded");
return result.Best is null ? 1 : 0;
