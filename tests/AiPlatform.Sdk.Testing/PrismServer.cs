using System.Diagnostics;
using Xunit;

namespace AiPlatform.Sdk.Testing;

/// <summary>
/// Prism (<c>@stoplight/prism-cli</c>, installed by <c>eng/services.sh</c> and exported as <c>AIP_PRISM</c>) mocking one trimmed official
/// definition from the test project's <c>Definitions/</c> folder (copied to its output) on 127.0.0.1: it refuses requests the definition does not allow (422, 400, 401 without the
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
