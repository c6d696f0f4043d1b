using System.Diagnostics;
using AiPlatform.Sdk.Training.Jobs;

namespace AiPlatform.Sdk.Training.Tests.Sweeps;

/// <summary>The sweep sample (samples/HyperparameterSweep), built beside this assembly: the tiny trainer in "train" mode, and the whole sample.</summary>
internal static class TinyTrainerProcess
{
    private const string Name = "HyperparameterSweep";

    public static string Dll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(here.Parent!.Parent!.FullName, Name, here.Name, $"{Name}.dll");
            Assert.True(File.Exists(dll), $"The sweep sample was not built at {dll}.");
            return dll;
        }
    }

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>One trial of the trainer for <paramref name="epochs"/> epochs.</summary>
    public static JobSubmission Trial(int epochs) => new() { Entrypoint = Dotnet, Arguments = [Dll, "train", $"--epochs={epochs}"] };

    /// <summary>Runs the whole sample with extra environment; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunSampleAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(Dll)! };
        start.ArgumentList.Add(Dll);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }
}
