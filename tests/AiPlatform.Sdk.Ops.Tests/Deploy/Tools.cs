using System.Diagnostics;

namespace AiPlatform.Sdk.Ops.Tests.Deploy;

/// <summary>The repository's folders and the command-line tools the deploy tests run (installed by eng/services.sh).</summary>
internal static class Tools
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Observability => Path.Combine(RepositoryRoot, "deploy", "observability");

    public static string Prometheus => Find("AIP_PROMETHEUS", "prometheus");

    public static string Promtool => Find("AIP_PROMTOOL", "promtool");

    public static string Kubectl => Find("AIP_KUBECTL", "kubectl");

    /// <summary>Runs a tool to its end and returns its exit code and output (stdout then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Find(string variable, string command)
    {
        var configured = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            $"'{command}' is not installed: run 'bash eng/services.sh start' (Prometheus, promtool) and source its env.sh; kubectl must be on PATH.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiPlatform.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (AiPlatform.Sdk.sln) is not above the test assembly.");
    }
}
