using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Testing.Onnx;
using Google.Protobuf;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Benchmarks.Inference;

/// <summary>
/// <c>infer [--host path/AiPlatform.ReferenceHost.dll] [--small N] [--large N]</c>: starts the reference host on loopback with two
/// Identity models (FP32 1x384 and 1x3x224x224), then measures sequential round trips of the SDK client over gRPC, REST with binary
/// tensor data and REST with JSON, and of the generated gRPC stub called directly (the client's overhead). Prints a Markdown table.
/// </summary>
internal static class InferCommand
{
    private static readonly (string Name, long[] Shape)[] Tensors = [("small", [1, 384]), ("large", [1, 3, 224, 224])];

    public static async Task<int> RunAsync(string[] args)
    {
        var hostDll = Option(args, "--host") ?? DefaultHost();
        var smallCalls = int.Parse(Option(args, "--small") ?? "2000", CultureInfo.InvariantCulture);
        var largeCalls = int.Parse(Option(args, "--large") ?? "100", CultureInfo.InvariantCulture);
        if (!File.Exists(hostDll))
        {
            Console.Error.WriteLine($"usage: infer [--host AiPlatform.ReferenceHost.dll] [--small N] [--large N]; no host at {hostDll} (build it in Release)");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("aiplatform-infer-bench-").FullName;
        var repository = Path.Combine(work, "models");
        foreach (var (name, shape) in Tensors)
        {
            OnnxTestModels.WriteToRepository(repository, name, OnnxTestModels.Identity(OnnxTestModels.Float, shape));
        }

        var (restPort, grpcPort) = (FreePort(), FreePort());
        using var host = StartHost(hostDll, work, repository, restPort, grpcPort);
        try
        {
            var rest = new Uri($"http://127.0.0.1:{restPort}/");
            var grpc = new Uri($"http://127.0.0.1:{grpcPort}/");
            await WaitReadyAsync(rest);
            Console.WriteLine($"| tensor | path | calls | calls/s | p50 ms | p99 ms |");
            Console.WriteLine($"| --- | --- | ---: | ---: | ---: | ---: |");
            foreach (var (name, shape) in Tensors)
            {
                var calls = name == "small" ? smallCalls : largeCalls;
                var values = Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(i => (float)Math.Sin(i)).ToArray();
                var tensor = InferenceTensor.Create<float>("INPUT", values, shape);
                // The raw stub comes from the same registration as the client (same channel, handler and retry policy), so the
                // difference between the two rows is the client's own work: validation, conversion, telemetry, error mapping.
                var grpcServices = Services(grpc, InferenceProtocol.Grpc, true);
                var stub = grpcServices.GetRequiredService<GrpcClientFactory>().CreateClient<GRPCInferenceService.GRPCInferenceServiceClient>("inference-grpc");
                var runs = new (string Path, Func<Task> Call)[]
                {
                    ("grpc stub (raw)", () => StubCallAsync(stub, name, tensor)),
                    ("client grpc", ClientCall(grpcServices, name, tensor)),
                    ("client rest-binary", ClientCall(Services(rest, InferenceProtocol.Rest, true), name, tensor)),
                    ("client rest-json", ClientCall(Services(rest, InferenceProtocol.Rest, false), name, tensor)),
                };
                var counts = runs.Select(r => name == "large" && r.Path.EndsWith("json", StringComparison.Ordinal) ? Math.Max(10, calls / 4) : calls).ToArray();
                var results = await MeasureInterleavedAsync([.. runs.Select(r => r.Call)], counts);
                for (var i = 0; i < runs.Length; i++)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} [{string.Join('x', shape)}] | {runs[i].Path} | {counts[i]} | {results[i].PerSecond:F0} | {results[i].P50:F3} | {results[i].P99:F3} |"));
                }
            }
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    private static async Task StubCallAsync(GRPCInferenceService.GRPCInferenceServiceClient stub, string model, InferenceTensor tensor)
    {
        var request = new ModelInferRequest { ModelName = model };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "INPUT", Datatype = "FP32", Shape = { tensor.Shape } });
        request.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(tensor.RawData));
        var response = await stub.ModelInferAsync(request);
        if (response.RawOutputContents[0].Length != tensor.RawData.Length)
        {
            throw new InvalidOperationException("The stub's answer has the wrong size.");
        }
    }

    private static ServiceProvider Services(Uri endpoint, InferenceProtocol protocol, bool binary)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Serving:Inference:Endpoint"] = endpoint.ToString(),
            ["AiPlatform:Serving:Inference:Protocol"] = protocol.ToString(),
            ["AiPlatform:Serving:Inference:BinaryData"] = binary.ToString(),
            ["AiPlatform:Serving:Inference:DisableTracing"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiPlatformCore(configuration).AddServing();
        return services.BuildServiceProvider();
    }

    private static Func<Task> ClientCall(ServiceProvider services, string model, InferenceTensor tensor)
    {
        var client = services.GetRequiredService<IInferenceClient>();
        return async () =>
        {
            var response = await client.InferAsync(new InferenceRequest { ModelName = model, Inputs = { tensor } });
            if (response.Outputs[0].RawData.Length != tensor.RawData.Length)
            {
                throw new InvalidOperationException("The client's answer has the wrong size.");
            }
        };
    }

    // Paths run in alternating rounds after a warm-up of each, so that load from other processes falls on all of them alike.
    private static async Task<(double PerSecond, double P50, double P99)[]> MeasureInterleavedAsync(Func<Task>[] calls, int[] counts)
    {
        const int Rounds = 10;
        for (var i = 0; i < calls.Length; i++)
        {
            for (var w = 0; w < Math.Max(20, counts[i] / 10); w++)
            {
                await calls[i]();
            }
        }

        var latencies = calls.Select(_ => new List<double>()).ToArray();
        var elapsed = new double[calls.Length];
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < calls.Length; i++)
            {
                var perRound = Math.Max(1, counts[i] / Rounds);
                var total = Stopwatch.GetTimestamp();
                for (var c = 0; c < perRound; c++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await calls[i]();
                    latencies[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                elapsed[i] += Stopwatch.GetElapsedTime(total).TotalSeconds;
            }
        }

        return [.. latencies.Select((l, i) =>
        {
            l.Sort();
            return (l.Count / elapsed[i], l[(int)(l.Count * 0.50)], l[Math.Min(l.Count - 1, (int)(l.Count * 0.99))]);
        })];
    }

    private static Process StartHost(string dll, string dataPath, string repository, int restPort, int grpcPort)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     dll, $"--urls=http://127.0.0.1:{restPort}", $"--AiPlatform:DataPath={dataPath}", "--AiPlatform:Server:Authentication:AllowAnonymous=true",
                     $"--AiPlatform:Server:Inference:ModelRepository={repository}", $"--AiPlatform:Server:Inference:GrpcPort={grpcPort}",
                     "--Logging:LogLevel:Default=Warning",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(Uri rest)
    {
        using var http = new HttpClient { BaseAddress = rest };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync("v2/health/ready")).IsSuccessStatusCode)
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

        throw new TimeoutException("The reference host did not become ready.");
    }

    private static string DefaultHost()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(output.Parent!.Parent!.FullName, "AiPlatform.ReferenceHost", output.Name, "AiPlatform.ReferenceHost.dll");
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
