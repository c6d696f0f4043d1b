using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace AiPlatform.Sdk.Testing;

/// <summary>
/// Runs the reference host as a real child process (<c>dotnet AiPlatform.ReferenceHost.dll</c>) on a free loopback port, with a
/// private data folder and extra configuration passed as command-line settings. Output is captured for assertions.
/// </summary>
public sealed partial class ReferenceHostProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Dictionary<string, string?> _settings;
    private readonly Dictionary<string, string?> _environment;
    private Process? _process;

    private ReferenceHostProcess(Dictionary<string, string?> settings, string dataPath, int port, IReadOnlyDictionary<string, string?>? environment = null)
    {
        _settings = settings;
        _environment = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>());
        DataPath = dataPath;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
    }

    /// <summary>The host's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client addressed at the host.</summary>
    public HttpClient Client { get; }

    /// <summary>The host's data folder (<c>AiPlatform:DataPath</c>), kept across restarts and deleted on dispose.</summary>
    public string DataPath { get; }

    /// <summary>Every line the host wrote to stdout and stderr, across restarts.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>Starts the host and waits until <c>/health/ready</c> answers 200.</summary>
    /// <param name="settings">Configuration keys and values, such as <c>AiPlatform:Server:Authentication:AllowAnonymous = true</c>.</param>
    /// <param name="readyTimeout">How long to wait for readiness; default 90 seconds.</param>
    /// <param name="environment">Environment variables of the process, such as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</param>
    /// <returns>The running host.</returns>
    public static async Task<ReferenceHostProcess> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, TimeSpan? readyTimeout = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dataPath = Directory.CreateTempSubdirectory("aiplatform-host-").FullName;
        var host = new ReferenceHostProcess(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()), dataPath, LoopbackPort.Free(), environment);
        await host.LaunchAsync(readyTimeout ?? TimeSpan.FromSeconds(90));
        return host;
    }

    /// <summary>Runs the host until it exits by itself, as a start-up that must fail does.</summary>
    /// <param name="settings">Configuration keys and values.</param>
    /// <param name="timeout">How long to wait for the exit.</param>
    /// <returns>The exit code and everything the host printed.</returns>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(
        IReadOnlyDictionary<string, string?> settings, TimeSpan? timeout = null)
    {
        var dataPath = Directory.CreateTempSubdirectory("aiplatform-host-").FullName;
        await using var host = new ReferenceHostProcess(new Dictionary<string, string?>(settings), dataPath, LoopbackPort.Free());
        var process = host.Launch();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, string.Join(Environment.NewLine, host.Output));
    }

    /// <summary>Stops the host gracefully and starts it again with the same data folder and settings.</summary>
    /// <returns>A task that completes when the host is ready again.</returns>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync(TimeSpan.FromSeconds(90));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the temp folder is cleaned by the OS.
        }
    }

    private async Task LaunchAsync(TimeSpan readyTimeout)
    {
        var process = Launch();
        var deadline = DateTime.UtcNow + readyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The reference host exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, Output)}");
            }

            try
            {
                using var response = await Client.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The reference host was not ready within {readyTimeout}:{Environment.NewLine}{string.Join(Environment.NewLine, Output)}");
    }

    private Process Launch()
    {
        var dll = HostAssemblyPath();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--urls={BaseAddress.GetLeftPart(UriPartial.Authority)}");
        start.ArgumentList.Add($"--AiPlatform:DataPath={DataPath}");
        foreach (var (key, value) in _settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { Output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Output.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        return process;
    }

    private async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            _ = Kill(process.Id, SigTerm);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }

    /// <summary>The built host next to the test assembly: <c>artifacts/bin/AiPlatform.ReferenceHost/{configuration}</c>.</summary>
    private static string HostAssemblyPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Name;
        var path = Path.Combine(testOutput.Parent!.Parent!.FullName, "AiPlatform.ReferenceHost", configuration, "AiPlatform.ReferenceHost.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The reference host is not built at {path}; build the solution first.", path);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
