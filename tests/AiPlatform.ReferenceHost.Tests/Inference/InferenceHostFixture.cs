using AiPlatform.Sdk;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Testing.Onnx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.ReferenceHost.Tests.Inference;

/// <summary>
/// One reference host serving a model repository of Identity models, one per protocol datatype (<c>identity_fp32</c>, ...), plus a
/// fixed-shape <c>fixed_fp32</c> [1,4], an open [-1,-1] <c>sequence_fp32</c> under the host's default bounds and
/// <c>configured_fp32</c> whose configuration allows batches of 64 and sequences of 16, <c>lookup</c> (Gather by INT64 index from
/// a 4x2 table); and clients over gRPC, REST with binary tensor data, and REST with JSON.
/// </summary>
public sealed class InferenceHostFixture : IAsyncLifetime
{
    public const long MaxRequestBytes = 1024 * 1024;

    public static readonly string[] Datatypes =
        ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "BF16", "FP32", "FP64", "BYTES"];

    private readonly List<ServiceProvider> _providers = [];
    private readonly string _repository = Directory.CreateTempSubdirectory("aiplatform-models-").FullName;

    public ReferenceHostProcess Host { get; private set; } = null!;

    public Uri GrpcAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        foreach (var datatype in Datatypes)
        {
            OnnxIdentityModel.Write(_repository, $"identity_{datatype.ToLowerInvariant()}", datatype, -1);
        }

        OnnxIdentityModel.Write(_repository, "fixed_fp32", "FP32", 1, 4);
        OnnxIdentityModel.Write(_repository, "reloadable", "FP32", -1);
        OnnxIdentityModel.Write(_repository, "sequence_fp32", "FP32", -1, -1);
        OnnxIdentityModel.Write(_repository, "configured_fp32", "FP32", -1, -1);
        File.WriteAllText(Path.Combine(_repository, "configured_fp32", "config.json"),
            """{"max_batch_size": 64, "parameters": {"max_sequence_length": {"string_value": "16"}}}""");
        OnnxTestModels.WriteToRepository(_repository, "lookup", LookupModel());
        var grpcPort = LoopbackPort.Free();
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}/");
        Host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true",
            ["AiPlatform:Server:Inference:ModelRepository"] = _repository,
            ["AiPlatform:Server:Inference:GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AiPlatform:Server:Inference:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>A client over one transport: <c>grpc</c>, <c>rest-binary</c> or <c>rest-json</c>.</summary>
    public IInferenceClient Client(string transport, bool validateShapes = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Serving:Inference:Endpoint"] = (transport == "grpc" ? GrpcAddress : Host.BaseAddress).ToString(),
            ["AiPlatform:Serving:Inference:Protocol"] = transport == "grpc" ? "Grpc" : "Rest",
            ["AiPlatform:Serving:Inference:BinaryData"] = (transport != "rest-json").ToString(),
            ["AiPlatform:Serving:Inference:ValidateShapes"] = validateShapes.ToString(),
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiPlatformCore(configuration).AddServing();
        var provider = services.BuildServiceProvider();
        lock (_providers)
        {
            _providers.Add(provider);
        }

        return provider.GetRequiredService<IInferenceClient>();
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Host.DisposeAsync();
        Directory.Delete(_repository, recursive: true);
    }

    // Gather from a 4x2 table by INT64 indices: an index past 3 is an input ONNX Runtime refuses while running.
    private static byte[] LookupModel()
    {
        var graph = new Onnx.GraphProto { Name = "lookup" };
        graph.Initializer.Add(OnnxTestModels.FloatTensor("TABLE", [0, 1, 2, 3, 4, 5, 6, 7], 4, 2));
        graph.Input.Add(OnnxTestModels.Value("INPUT", OnnxIdentityModel.ElementTypes["INT64"], -1));
        graph.Output.Add(OnnxTestModels.Value("OUTPUT", OnnxTestModels.Float, -1, 2));
        graph.Node.Add(OnnxTestModels.Node("Gather", "gather", ["TABLE", "INPUT"], ["OUTPUT"]));
        return OnnxTestModels.Model(graph, opset: 13);
    }
}
