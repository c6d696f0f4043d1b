using AiPlatform.Sdk.Testing;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiPlatform.Sdk.Ops.Tests.Deploy;

/// <summary>A real Prometheus (Debian's package) on a free loopback port, scraping one target every 2 seconds, with its own TSDB folder.</summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private PrometheusServer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public static async Task<PrometheusServer> StartAsync(string job, Uri target, string metricsPath = "/metrics")
    {
        var folder = Directory.CreateTempSubdirectory("aiplatform-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 2s
              scrape_timeout: 2s
              evaluation_interval: 2s
            scrape_configs:
              - job_name: {job}
                metrics_path: {metricsPath}
                static_configs:
                  - targets: ['{target.Authority}']
            """);
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(Tools.Prometheus) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitUntilAsync(async () => (await server.Client.GetAsync("-/ready")).IsSuccessStatusCode, "Prometheus to be ready");
        return server;
    }

    /// <summary>An instant query through <c>/api/v1/query</c>; the result vector (fails the test when Prometheus rejects the query).</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        using var response = await Client.GetAsync($"api/v1/query?query={Uri.EscapeDataString(promql)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode && body.GetProperty("status").GetString() == "success", $"Prometheus rejected '{promql}': {body}");
        return body.GetProperty("data").GetProperty("result");
    }

    /// <summary>Every metric name Prometheus holds.</summary>
    public async Task<HashSet<string>> MetricNamesAsync()
    {
        var body = await Client.GetFromJsonAsync<JsonElement>("api/v1/label/__name__/values");
        return body.GetProperty("data").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (scrapes happen on Prometheus's schedule); fails after a generous deadline.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.False(_process.HasExited, $"Prometheus exited with code {(_process.HasExited ? _process.ExitCode : 0)}.");
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
