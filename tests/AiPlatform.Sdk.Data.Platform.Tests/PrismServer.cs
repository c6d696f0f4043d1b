using System.Diagnostics;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Data.Platform.Tests;

/// <summary>
/// Prism (<c>@stoplight/prism-cli</c>, installed by <c>eng/services.sh</c> and exported as <c>AIP_PRISM</c>) mocking one trimmed official
/// definition from <c>Definitions/</c> on 127.0.0.1: it refuses requests the definition does not allow (422, 400, 401 without the
/// declared credentials, 404 for an undeclared path) and answers with the definition's examples or schema-shaped bodies. A missing
/// Prism fails the test with instructions, never skips it.
/// </summary>
public abstract class PrismServer : IAsyncLifetime
{
    private Process? _process;

    /// <summary>The definition's file name in <c>Definitions/</c>.</summary>
    protected abstract string Definition { get; }

    /// <summary>The mock's base address.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var prism = ServiceEndpoints.Require("AIP_PRISM");
        if (!File.Exists(prism))
        {
            throw new InvalidOperationException($"AIP_PRISM names {prism}, which does not exist: run 'bash eng/services.sh start' to install Prism.");
        }

        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(prism)
        {
            ArgumentList = { "mock", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(AppContext.BaseDirectory, "Definitions", Definition) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SCARF_ANALYTICS"] = "false";
        _process = Process.Start(start) ?? throw new InvalidOperationException("Prism did not start.");
        var output = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync(BaseAddress);
                return; // any answer: Prism is serving
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(250);
            }
        }

        string log;
        lock (output)
        {
            log = output.ToString();
        }

        throw new InvalidOperationException($"Prism did not serve {Definition} on {BaseAddress}:\n{log}");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Prism serving the Kafka Connect definition.</summary>
public sealed class KafkaConnectPrism : PrismServer
{
    protected override string Definition => "kafka-connect.yaml";
}

/// <summary>Prism serving the Airflow 2 definition.</summary>
public sealed class Airflow2Prism : PrismServer
{
    protected override string Definition => "airflow-2.yaml";
}

/// <summary>Prism serving the Airflow 3 definition.</summary>
public sealed class Airflow3Prism : PrismServer
{
    protected override string Definition => "airflow-3.yaml";
}

/// <summary>Prism serving the Flume HTTP source definition.</summary>
public sealed class FlumePrism : PrismServer
{
    protected override string Definition => "flume-http-source.yaml";
}

/// <summary>Prism serving the Label Studio definition.</summary>
public sealed class LabelStudioPrism : PrismServer
{
    protected override string Definition => "label-studio.yaml";
}

/// <summary>Prism serving the Superset definition.</summary>
public sealed class SupersetPrism : PrismServer
{
    protected override string Definition => "superset.yaml";
}

/// <summary>Prism serving the Flink JobManager definition.</summary>
public sealed class FlinkPrism : PrismServer
{
    protected override string Definition => "flink.yaml";
}

/// <summary>Prism serving the CVAT definition.</summary>
public sealed class CvatPrism : PrismServer
{
    protected override string Definition => "cvat.yaml";
}
