using System.Diagnostics;
using System.Globalization;
using AiPlatform.Sdk.Training.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>
/// The embedded tracking store survives a crash mid-batch: a child process logs batches of 50 metrics and reports each acknowledged one;
/// it is killed with SIGKILL while writing; a new app on the same folder finds every acknowledged metric, in order, and a usable store.
/// </summary>
public sealed class EmbeddedCrashTests
{
    private const string Probe = "AiPlatform.Sdk.Training.CrashProbe";

    [Fact]
    public async Task A_crash_mid_batch_loses_no_acknowledged_metric()
    {
        var folder = Directory.CreateTempSubdirectory("aip-tracking-crash-").FullName;
        string runId;
        await using (var before = App(folder))
        {
            var tracker = before.GetRequiredService<IExperimentTracker>();
            runId = (await tracker.CreateRunAsync(await tracker.CreateExperimentAsync("crash"))).Info.RunId;
        }

        var acknowledged = await RunProbeUntilKilledAsync(folder, runId, batches: 8);

        await using var after = App(folder);
        var history = await after.GetRequiredService<IExperimentTracker>().GetMetricHistoryAsync(runId, "loss");
        var steps = history.Select(m => m.Step).ToList();
        Assert.True(steps.Count >= (acknowledged + 1) * 50, $"{steps.Count} metrics found, {(acknowledged + 1) * 50} acknowledged");
        Assert.Equal(Enumerable.Range(0, steps.Count).Select(i => (long)i), steps);
        await after.GetRequiredService<IExperimentTracker>().LogBatchAsync(runId, [new Metric("loss", -1, DateTimeOffset.UtcNow, steps.Count)]);
    }

    /// <summary>Starts the probe, kills it (SIGKILL) once it has acknowledged <paramref name="batches"/> batches; returns the last acknowledged.</summary>
    private static async Task<int> RunProbeUntilKilledAsync(string folder, string runId, int batches)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(here.Parent!.Parent!.FullName, Probe, here.Name, $"{Probe}.dll");
        Assert.True(File.Exists(dll), $"The crash probe was not built at {dll}.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(folder);
        start.ArgumentList.Add(runId);
        using var probe = Process.Start(start)!;
        var last = -1;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await probe.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("acked ", StringComparison.Ordinal))
            {
                last = int.Parse(line["acked ".Length..], CultureInfo.InvariantCulture);
                if (last + 1 >= batches)
                {
                    probe.Kill(); // SIGKILL on Linux: no flush, no dispose
                    break;
                }
            }
        }

        await probe.WaitForExitAsync(deadline.Token);
        Assert.True(last + 1 >= batches, $"The probe ended after {last + 1} batches without being killed.");
        return last;
    }

    private static ServiceProvider App(string folder)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AiPlatform:DataPath"] = folder }).Build()).AddTraining();
        return services.BuildServiceProvider();
    }
}
