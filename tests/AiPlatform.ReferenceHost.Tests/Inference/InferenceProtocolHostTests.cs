using System.Net;
using System.Text;
using System.Text.Json;
using AiPlatform.Sdk;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using Grpc.Core;
using Grpc.Net.Client;

namespace AiPlatform.ReferenceHost.Tests.Inference;

/// <summary>The SDK's inference client against the running reference host, over gRPC, REST with binary tensor data and REST with JSON.</summary>
public sealed class InferenceProtocolHostTests(InferenceHostFixture host) : IClassFixture<InferenceHostFixture>
{
    public static TheoryData<string, string> EveryDatatypeOverEveryTransport()
    {
        var data = new TheoryData<string, string>();
        foreach (var transport in new[] { "grpc", "rest-binary", "rest-json" })
        {
            foreach (var datatype in InferenceHostFixture.Datatypes)
            {
                data.Add(transport, datatype);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryDatatypeOverEveryTransport))]
    public async Task Values_of_every_datatype_round_trip(string transport, string datatype)
    {
        var client = host.Client(transport);
        var input = Sample(datatype);
        var request = new InferenceRequest { ModelName = $"identity_{datatype.ToLowerInvariant()}", Id = $"{transport}-{datatype}", Inputs = { input } };

        var response = await client.InferAsync(request);

        var output = response.GetOutput("OUTPUT");
        Assert.Equal(request.Id, response.Id);
        Assert.Equal(datatype, output.Datatype.Name);
        Assert.Equal(input.Shape, output.Shape);
        Assert.Equal(input.RawData.ToArray(), output.RawData.ToArray());
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("rest-binary")]
    public async Task Metadata_config_and_statistics_describe_the_model(string transport)
    {
        var client = host.Client(transport);
        await client.InferAsync(new InferenceRequest { ModelName = "fixed_fp32", Inputs = { InferenceTensor.Create<float>("INPUT", [1, 2, 3, 4], 1, 4) } });

        var metadata = await client.GetModelMetadataAsync("fixed_fp32");
        var config = await client.GetModelConfigAsync("fixed_fp32");
        var statistics = await client.GetModelStatisticsAsync("fixed_fp32");
        var server = await client.GetServerMetadataAsync();

        Assert.Equal("INPUT", metadata.Inputs.Single().Name);
        Assert.Equal(InferenceDataType.Fp32, metadata.Inputs.Single().Datatype);
        Assert.Equal([1L, 4], metadata.Inputs.Single().Shape);
        Assert.Equal(["1"], metadata.Versions);
        Assert.Equal(InferenceDataType.Fp32, config.Inputs.Single().Datatype);
        Assert.Equal("onnxruntime_onnx", config.Platform);
        var stats = statistics.Single();
        Assert.True(stats.InferenceCount >= 1);
        // Triton's statistics: every successful inference is counted in the queue and in each compute phase, and the run took time.
        Assert.All(new[] { stats.Queue, stats.ComputeInput, stats.ComputeInfer, stats.ComputeOutput }, phase => Assert.Equal(stats.Success.Count, phase.Count));
        Assert.True(stats.ComputeInfer.Total > TimeSpan.Zero);
        Assert.True(stats.Success.Total >= stats.ComputeInfer.Total);
        Assert.Contains("binary_tensor_data", server.Extensions);
        Assert.True(await client.IsServerLiveAsync());
        Assert.True(await client.IsServerReadyAsync());
        Assert.True(await client.IsModelReadyAsync("fixed_fp32"));
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("rest-binary")]
    public async Task A_wrong_datatype_is_invalid_argument_and_the_host_stays_up(string transport)
    {
        var client = host.Client(transport, validateShapes: false);
        var request = new InferenceRequest { ModelName = "identity_fp32", Inputs = { InferenceTensor.Create<int>("INPUT", [1, 2]) } };

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => client.InferAsync(request));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("unexpected datatype INT32", error.ServerMessage, StringComparison.Ordinal);
        if (transport == "grpc")
        {
            Assert.Equal(nameof(StatusCode.InvalidArgument), error.ErrorCode);
        }

        Assert.True(await client.IsServerLiveAsync());
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("rest-json")]
    public async Task A_wrong_shape_is_invalid_argument(string transport)
    {
        var client = host.Client(transport, validateShapes: false);
        var request = new InferenceRequest { ModelName = "fixed_fp32", Inputs = { InferenceTensor.Create<float>("INPUT", [1, 2, 3], 1, 3) } };

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => client.InferAsync(request));

        Assert.Contains("unexpected shape for input 'INPUT'", error.ServerMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("rest-binary")]
    public async Task An_unknown_model_is_not_found(string transport)
    {
        var client = host.Client(transport, validateShapes: false);

        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() =>
            client.InferAsync(new InferenceRequest { ModelName = "no_such_model", Inputs = { InferenceTensor.Create<float>("INPUT", [1f]) } }));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("no_such_model", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_errors_carry_the_protocol_error_body()
    {
        using var content = new StringContent("""{"inputs":[{"name":"INPUT","shape":[2],"datatype":"FP32","data":[1.0]}]}""", Encoding.UTF8, "application/json");

        using var response = await host.Host.Client.PostAsync("v2/models/identity_fp32/infer", content);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("shape calls for 8", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grpc", 429)]
    [InlineData("rest-binary", 413)]
    public async Task Requests_beyond_the_size_limit_are_refused(string transport, int status)
    {
        var client = host.Client(transport);
        var large = new float[(InferenceHostFixture.MaxRequestBytes / 4) + 1024];
        var request = new InferenceRequest { ModelName = "identity_fp32", Inputs = { InferenceTensor.Create<float>("INPUT", large) } };

        var error = await Assert.ThrowsAnyAsync<AiPlatformException>(() => client.InferAsync(request));

        Assert.Equal(status, error.StatusCode);
        Assert.True(await client.IsServerLiveAsync());
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("rest-binary")]
    public async Task Unload_makes_a_model_unavailable_until_it_is_loaded_again(string transport)
    {
        var client = host.Client(transport, validateShapes: false);
        var request = new InferenceRequest { ModelName = "reloadable", Inputs = { InferenceTensor.Create<float>("INPUT", [1f]) } };
        await client.InferAsync(request);

        await client.UnloadModelAsync("reloadable");
        var afterUnload = await client.GetRepositoryIndexAsync();
        var readyAfterUnload = await client.IsModelReadyAsync("reloadable");
        var failure = await Assert.ThrowsAnyAsync<AiPlatformException>(() => client.InferAsync(request));
        await client.LoadModelAsync("reloadable");
        var reloaded = await client.InferAsync(request);

        Assert.Equal("UNAVAILABLE", afterUnload.Single(m => m.Name == "reloadable").State);
        Assert.False(readyAfterUnload);
        Assert.Equal(404, failure.StatusCode);
        Assert.Contains("has no available versions", failure.ServerMessage, StringComparison.Ordinal);
        Assert.Equal([1f], reloaded.GetOutput("OUTPUT").ToArray<float>());
        Assert.Contains(await client.GetRepositoryIndexAsync(readyOnly: true), m => m.Name == "reloadable");
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("rest-binary")]
    public async Task Bytes_elements_that_are_not_utf8_round_trip_exactly(string transport)
    {
        var client = host.Client(transport);
        ReadOnlyMemory<byte>[] elements = [new byte[] { 0xff, 0xfe, 0x00, 0x80 }, new byte[] { 0xc3, 0x28 }, "ok"u8.ToArray()];
        var request = new InferenceRequest { ModelName = "identity_bytes", Inputs = { InferenceTensor.FromBytes("INPUT", elements) } };

        var response = await client.InferAsync(request);

        Assert.Equal(request.Inputs[0].RawData.ToArray(), response.GetOutput("OUTPUT").RawData.ToArray());
    }

    /// <summary>
    /// A bare gRPC stub sending typed <c>contents</c> instead of raw ones. The stub is generated from the SDK's own copy of the
    /// protocol (<c>inference.GRPCInferenceService</c>), not from Triton's or KServe's published <c>grpc_service.proto</c>: it shows
    /// the host accepts the typed form, not that an official client interoperates.
    /// </summary>
    [Fact]
    public async Task A_stub_of_the_sdks_protocol_definitions_can_call_with_typed_contents()
    {
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var stub = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
        var request = new ModelInferRequest { ModelName = "identity_int32" };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor
        {
            Name = "INPUT", Datatype = "INT32", Shape = { 3 }, Contents = new InferTensorContents { IntContents = { 5, -6, 7 } },
        });

        var response = await stub.ModelInferAsync(request);

        Assert.Equal("identity_int32", response.ModelName);
        Assert.Equal(new[] { 5, -6, 7 }, new InferenceTensor("OUTPUT", InferenceDataType.Int32, [3], response.RawOutputContents[0].Memory).ToArray<int>());
    }

    internal static InferenceTensor Sample(string datatype) => datatype switch
    {
        "BOOL" => InferenceTensor.Create<bool>("INPUT", [true, false, true]),
        "UINT8" => InferenceTensor.Create<byte>("INPUT", [0, 1, 255]),
        "UINT16" => InferenceTensor.Create<ushort>("INPUT", [0, 1, ushort.MaxValue]),
        "UINT32" => InferenceTensor.Create<uint>("INPUT", [0, 1, uint.MaxValue]),
        "UINT64" => InferenceTensor.Create<ulong>("INPUT", [0, 1, ulong.MaxValue]),
        "INT8" => InferenceTensor.Create<sbyte>("INPUT", [sbyte.MinValue, -1, sbyte.MaxValue]),
        "INT16" => InferenceTensor.Create<short>("INPUT", [short.MinValue, -1, short.MaxValue]),
        "INT32" => InferenceTensor.Create<int>("INPUT", [int.MinValue, -1, int.MaxValue]),
        "INT64" => InferenceTensor.Create<long>("INPUT", [long.MinValue, -1, long.MaxValue]),
        "FP16" => InferenceTensor.Create<Half>("INPUT", [(Half)1.5f, (Half)(-0.25f), Half.MaxValue]),
        "BF16" => InferenceTensor.Create<BFloat16>("INPUT", [(BFloat16)1.5f, (BFloat16)(-0.25f), (BFloat16)3.0e38f]),
        "FP32" => InferenceTensor.Create<float>("INPUT", [1.5f, -0.1f, float.MaxValue, float.Epsilon]),
        "FP64" => InferenceTensor.Create<double>("INPUT", [1.5, -0.1, double.MaxValue]),
        _ => InferenceTensor.FromBytes("INPUT", [new byte[] { (byte)'a', 0, (byte)'b' }, "héllo"u8.ToArray(), Array.Empty<byte>()]),
    };
}
